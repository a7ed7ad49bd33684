import type { HomeView, KnownBlock } from "@slack/types";
import type { HomeSummary } from "../../services/home.js";
import { clip, LIMITS } from "./limits.js";
import { suggestionBlocks } from "./suggestions.js";

/** Suggestions shown on the Home tab (two blocks each, well within its 100 blocks). */
const HOME_SUGGESTIONS = 10;
const NEW_FOR_MS = 7 * 86_400_000;

function pausedDigestSection(model: HomeModel): KnownBlock[] {
  if (model.pausedDigests.length === 0) return [];
  const lines = model.pausedDigests
    .slice(0, 20)
    .map(
      (d) =>
        `⚠️ The digest for <#${d.channelId}> is paused after ${d.failures} failed posts${d.lastError ? ` (${d.lastError})` : ""}. Invite me there and run \`/triage digest subscribe\` in it to resume.`,
    );
  return [
    { type: "divider" },
    {
      type: "section",
      text: { type: "mrkdwn", text: clip(`*For admins*\n${lines.join("\n")}`, LIMITS.sectionText) },
    },
  ];
}

export const OUTBOUND_RETRY_ACTION = "outbound_retry";

/** Events that failed for a day to reach the outbound URL: each with a retry button, and one for all. */
function deadOutboundSection(model: HomeModel): KnownBlock[] {
  const { events, total, url } = model.deadOutbound;
  if (total === 0) return [];
  const retry = (text: string, value: string) => ({
    type: "button" as const,
    action_id: value === "all" ? `${OUTBOUND_RETRY_ACTION}:all` : `${OUTBOUND_RETRY_ACTION}:${value}`,
    text: { type: "plain_text" as const, text },
    value,
  });
  return [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          `*For admins: ${total} event(s) did not reach ${url ? `\`${url}\`` : "your outbound URL"}* after a day of tries. Fix the receiver, then send them again.`,
          LIMITS.sectionText,
        ),
      },
      accessory: retry("Retry all", "all"),
    },
    ...events.map(
      (e): KnownBlock => ({
        type: "section",
        text: {
          type: "mrkdwn",
          text: clip(
            `\`${e.type}\` · check \`${e.checkId.slice(0, 8)}\` · ${e.lastError ?? "failed"} (${e.attempts} tries)`,
            LIMITS.sectionText,
          ),
        },
        accessory: retry("Retry", e.id),
      }),
    ),
  ];
}

function suggestionSection(model: HomeModel, now: Date): KnownBlock[] {
  if (model.suggestions.length === 0) return [];
  const fresh = model.suggestions.filter((s) => now.getTime() - s.createdAt.getTime() < NEW_FOR_MS).length;
  const shown = model.suggestions.slice(0, HOME_SUGGESTIONS);
  return [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Suggested rule changes* (${model.suggestions.length}${fresh > 0 ? `, ${fresh} new this week` : ""}), learned from what became of your leads. Admins approve or dismiss; \`/triage refine\` refreshes them.`,
      },
    },
    ...shown.flatMap(suggestionBlocks),
    ...(model.suggestions.length > shown.length
      ? [
          {
            type: "context" as const,
            elements: [
              {
                type: "mrkdwn" as const,
                text: `…and ${model.suggestions.length - shown.length} more in \`/triage refine\`.`,
              },
            ],
          },
        ]
      : []),
  ];
}

export type HomeModel = HomeSummary;

/** The App Home tab: how to use the app and what it saw lately in this workspace. */
export function homeView(model: HomeModel, now = new Date(), notice?: string): HomeView {
  const { counts } = model;
  const tally = (["pass", "review", "reject", "needs_info"] as const)
    .map((d) => `${d === "needs_info" ? "needs info" : d}: *${counts.byDecision[d] ?? 0}*`)
    .join("   ");
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Lead Triage" } },
    ...(notice
      ? [
          {
            type: "context" as const,
            elements: [{ type: "mrkdwn" as const, text: clip(notice, LIMITS.sectionText) }],
          },
        ]
      : []),
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          "Paste or forward what you know about a lead and get a verdict in seconds — pass, review, reject or needs info — with the red flags that decided it.\n\n" +
            "• `/triage <lead details>` in any channel (add `--private` to keep it to yourself)\n" +
            "• *⋯ → Check lead* on a forwarded email, a signature or a form post\n" +
            "• Mention `@Lead Triage` with the details, or send them to me here in Messages",
          LIMITS.sectionText,
        ),
      },
    },
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          counts.total === 0
            ? `*Last ${model.days} days:* no leads checked yet.`
            : `*Last ${model.days} days:* ${counts.total} lead(s) checked, average risk ${counts.averageRisk ?? 0}/100\n${tally}`,
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            model.ruleSet === null || model.ruleSet.provenance === "default pack"
              ? `Rules: the default persona pack${model.ruleSet ? ` (v${model.ruleSet.version})` : ""}; see the README to adapt it to your team.`
              : `Rules: your team's rule set v${model.ruleSet.version}.`,
        },
      ],
    },
    ...pausedDigestSection(model),
    ...deadOutboundSection(model),
    ...suggestionSection(model, now),
  ];
  return { type: "home", blocks };
}
