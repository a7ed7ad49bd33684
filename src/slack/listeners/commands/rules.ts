import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../../domain/errors.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { diffMessage, historyMessage, RULES_USAGE, rulesMessage } from "../../views/rules.js";

export type RulesRequest =
  | { action: "list" | "history" | "usage" }
  | { action: "diff"; from: number; to?: number }
  | { action: "restore"; version: number };

const version = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/^v/i, "")));

/** `rules` | `rules history` | `rules diff 2 [3]` | `rules restore 2` */
export function rulesRequest(rest: string): RulesRequest {
  const text = rest.trim().toLowerCase();
  if (text === "" || text === "list") return { action: "list" };
  if (text === "history") return { action: "history" };
  const diff = /^diff\s+(v?\d+)(?:\s+(v?\d+))?$/.exec(text);
  if (diff) {
    const to = version(diff[2]);
    return { action: "diff", from: version(diff[1]) as number, ...(to !== undefined ? { to } : {}) };
  }
  const restore = /^restore\s+(v?\d+)$/.exec(text);
  if (restore) return { action: "restore", version: version(restore[1]) as number };
  return { action: "usage" };
}

/** `/triage rules …` after the ack: anyone reads the rules, their history and diffs; only admins restore a
 * version (published as a new one, with who did it). Answers are private. */
export async function answerRulesCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; respond: RespondFn; request: RulesRequest },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `rules ${c.request.action}` });
  const say = (message: { text: string; blocks?: unknown[] }) =>
    deps.posts.push(async () => {
      try {
        await c.respond({ response_type: "ephemeral", ...(message as { text: string }) });
      } catch (e) {
        log.warn({ err: errorSummary(e) }, "answering /triage rules failed");
      }
    });
  const r = c.request;
  try {
    switch (r.action) {
      case "usage":
        say({ text: `I didn't follow that. ${RULES_USAGE}` });
        return;
      case "list":
        say(rulesMessage(await deps.ruleSets.overview(c.workspaceId)));
        return;
      case "history":
        say(historyMessage(await deps.ruleSets.history(c.workspaceId)));
        return;
      case "diff":
        say(diffMessage(r.from, r.to, await deps.ruleSets.diff(c.workspaceId, r.from, r.to)));
        return;
      case "restore": {
        if (!(await deps.admins.isAdmin(client, c.userId, log))) {
          say({ text: deps.admins.refusal("restore a rule version") });
          return;
        }
        const result = await deps.ruleSets.restore(c.workspaceId, r.version, c.userId);
        log.info({ by: c.userId, restored: r.version, version: result.version }, "rule version restored");
        say({
          text: `Restored v${r.version} as *v${result.version}* (${result.changes.length} change(s)). New verdicts use it within seconds.`,
        });
        return;
      }
    }
  } catch (e) {
    if (e instanceof UserError) {
      say({ text: e.message.charAt(0).toUpperCase() + e.message.slice(1) });
      return;
    }
    log.error({ err: errorSummary(e) }, "/triage rules failed");
    say({ text: "Sorry, I couldn't do that just now. Please try again in a minute." });
  }
}
