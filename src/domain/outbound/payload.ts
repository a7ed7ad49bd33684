import type { VerdictReport } from "../personas/report.js";

export const OUTBOUND_EVENT_TYPES = ["verdict.created", "outcome.recorded", "outcome.withdrawn"] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

/** What an event tells of its check: the kept check (facts without name or email) and its verdict. */
export interface EventCheck {
  id: string;
  workspaceId: string;
  inputKind: string;
  channelId: string | null;
  messageTs: string | null;
  createdAt: Date;
  facts: Record<string, unknown>;
  rawText: string | null;
}

export interface OutcomeDetail {
  outcomeId?: string;
  kind?: string;
  reason?: string | null;
  reportedBy?: string | null;
  reportedAt?: string;
}

/** The verdict's message in Slack (a link any member of the workspace can open). */
export function slackLink(channelId: string | null, messageTs: string | null): string | null {
  return channelId && messageTs
    ? `https://slack.com/archives/${channelId}/p${messageTs.replace(".", "")}`
    : null;
}

/** An event's JSON body: ids to deduplicate and order on, the decision, risk and red flags with their reasons,
 * the kept facts, the Slack link, and the outcome for outcome events. The lead's own words only when the
 * workspace asked for them. */
export function outboundPayload(
  event: { id: string; type: OutboundEventType; createdAt: Date; detail: OutcomeDetail | null },
  check: EventCheck,
  verdict: Pick<VerdictReport, "decision" | "risk" | "matches" | "fits" | "missing" | "ruleSetVersion">,
  options: { includeText: boolean },
) {
  return {
    id: event.id,
    type: event.type,
    occurredAt: (event.type === "verdict.created"
      ? check.createdAt
      : (event.detail?.reportedAt ?? event.createdAt)) as Date | string,
    workspaceId: check.workspaceId,
    check: {
      id: check.id,
      createdAt: check.createdAt,
      source: check.inputKind,
      decision: verdict.decision,
      risk: verdict.risk,
      redFlags: verdict.matches.map((m) => ({
        persona: m.persona,
        rule: m.rule,
        reason: m.reason,
        weight: m.weight,
        exclude: m.exclude,
      })),
      fitSignals: verdict.fits.map((m) => ({ persona: m.persona, rule: m.rule, reason: m.reason })),
      missing: verdict.missing,
      ruleSetVersion: verdict.ruleSetVersion,
      facts: check.facts,
      slackUrl: slackLink(check.channelId, check.messageTs),
      ...(options.includeText && check.rawText ? { text: check.rawText } : {}),
    },
    ...(event.type === "verdict.created"
      ? {}
      : {
          outcome: {
            kind: event.detail?.kind ?? null,
            reason: event.detail?.reason ?? null,
            reportedBy: event.detail?.reportedBy ?? null,
            reportedAt: event.detail?.reportedAt ?? null,
          },
        }),
  };
}
