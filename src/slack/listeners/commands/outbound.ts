import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { errorSummary } from "../../../logger.js";
import { SecretError } from "../../../services/sealer.js";
import type { SlackDeps } from "../../deps.js";
import { privateAnswer } from "../../reply.js";

export const OUTBOUND_USAGE = [
  "Verdicts and outcomes to your CRM, Zapier, Make or n8n (admins):",
  "• `/triage outbound set https://… [with-text]`: every verdict (`verdict.created`) and outcome (`outcome.recorded`, `outcome.withdrawn`) is sent there as signed JSON; `with-text` adds the lead's own words",
  "• `/triage outbound status`: the URL, what was delivered, what waits, what failed",
  "• `/triage outbound retry [all|<event id>]`: send failed events again",
  "• `/triage outbound rotate`: a new signing secret · `/triage outbound off`: stop sending",
].join("\n");

export type OutboundRequest =
  | { action: "set"; url: string; includeText: boolean }
  | { action: "status" | "rotate" | "off" | "usage" }
  | { action: "retry"; eventId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `outbound …` (Slack sends a URL as <https://…>). */
export function outboundRequest(raw: string): OutboundRequest {
  const [verb = "", ...rest] = raw.trim().split(/\s+/);
  const words = rest.filter(Boolean);
  switch (verb.toLowerCase()) {
    case "set": {
      const url = words.find((w) => !/^with-?text$/i.test(w));
      return url
        ? {
            action: "set",
            url: url.replace(/^<|>$/g, "").replace(/\|.*$/, ""),
            includeText: words.some((w) => /^with-?text$/i.test(w)),
          }
        : { action: "usage" };
    }
    case "status":
    case "list":
      return { action: "status" };
    case "rotate":
      return { action: "rotate" };
    case "off":
    case "remove":
      return { action: "off" };
    case "retry": {
      const id = words[0];
      if (id === undefined || /^all$/i.test(id)) return { action: "retry" };
      return UUID.test(id) ? { action: "retry", eventId: id.toLowerCase() } : { action: "usage" };
    }
    default:
      return { action: "usage" };
  }
}

const signingNote =
  "Each request is signed like inbound leads: check `X-Lead-Triage-Signature` (`v1=` hex HMAC-SHA256 of `v1:<X-Lead-Triage-Timestamp>:<raw body>`, keyed with the secret). `X-Lead-Triage-Event-Id` is the same on every retry of an event.";

/** `/triage outbound …` after the ack: admins only; every answer is private. */
export async function answerOutboundCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; respond: RespondFn; request: OutboundRequest },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `outbound ${c.request.action}` });
  const say = privateAnswer(deps, c.respond, log, "answering /triage outbound");
  const r = c.request;
  try {
    if (r.action === "usage") {
      say(OUTBOUND_USAGE);
      return;
    }
    if (!(await deps.admins.isAdmin(client, c.userId, log))) {
      say(deps.admins.refusal("send verdicts outside Slack"));
      return;
    }
    switch (r.action) {
      case "set": {
        const set = await deps.outbound.set(c.workspaceId, r.url, c.userId, { includeText: r.includeText });
        say(
          [
            `📤 Verdicts and outcomes now go to \`${set.url}\`${r.includeText ? ", with the lead's own words" : " (facts, decision and reasons; add `with-text` for the lead's words)"}.`,
            set.secret
              ? `*Signing secret:* \`${set.secret}\` (shown once; \`/triage outbound rotate\` makes a new one)`
              : "The signing secret is unchanged.",
            signingNote,
          ].join("\n"),
        );
        return;
      }
      case "status": {
        const s = await deps.outbound.status(c.workspaceId);
        if (s.target === undefined) {
          say(`Nothing is sent outside Slack.\n${OUTBOUND_USAGE}`);
          return;
        }
        const dead = s.dead.map(
          (d) =>
            `• \`${d.id}\` ${d.type} (check \`${d.checkId}\`): ${d.lastError ?? "failed"} after ${d.attempts} tries`,
        );
        say(
          [
            `Events go to \`${s.target.url}\`${s.target.includeText ? " with the lead's words" : ""}: ${s.counts.delivered} delivered, ${s.counts.pending} waiting, ${s.counts.dead} failed.`,
            ...(dead.length
              ? ["Failed for a day (`/triage outbound retry all` sends them again):", ...dead]
              : []),
          ].join("\n"),
        );
        return;
      }
      case "rotate": {
        const secret = await deps.outbound.rotate(c.workspaceId);
        say(
          secret
            ? `🔑 New signing secret (shown once; events are signed with it from now on): \`${secret}\``
            : "Nothing is sent outside Slack yet: `/triage outbound set https://…` first.",
        );
        return;
      }
      case "off":
        say(
          (await deps.outbound.remove(c.workspaceId))
            ? "Nothing is sent outside Slack any more; events not yet delivered are dropped."
            : "Nothing was being sent outside Slack.",
        );
        return;
      case "retry": {
        const n = await deps.outbound.retry(c.workspaceId, r.eventId);
        say(n === 0 ? "No failed event to send again." : `Sending ${n} failed event(s) again.`);
        return;
      }
    }
  } catch (e) {
    if (e instanceof SecretError) {
      say(`That URL won't do: ${e.message}.`);
      return;
    }
    log.error({ err: errorSummary(e) }, "outbound command failed");
    say("Sorry, that didn't work just now. Please try again in a minute.");
  }
}
