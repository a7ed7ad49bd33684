import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../../domain/errors.js";
import type { LeafCondition } from "../../../domain/personas/schema.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { privateAnswer } from "../../reply.js";
import { importModal, ruleModal } from "../../views/ruleModal.js";
import { diffMessage, historyMessage, RULES_USAGE, rulesMessage } from "../../views/rules.js";

export type RulesRequest =
  | { action: "list" | "history" | "usage" | "export" }
  | { action: "add" | "import" }
  | { action: "edit"; persona: string; rule: string }
  | { action: "diff"; from: number; to?: number }
  | { action: "restore"; version: number };

const version = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/^v/i, "")));

/** `rules` | `rules history` | `rules diff 2 [3]` | `rules restore 2` */
export function rulesRequest(rest: string): RulesRequest {
  const text = rest.trim().toLowerCase();
  if (text === "" || text === "list") return { action: "list" };
  if (text === "history") return { action: "history" };
  if (text === "add") return { action: "add" };
  if (text === "export") return { action: "export" };
  if (text === "import") return { action: "import" };
  const edit = /^edit\s+([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)$/.exec(text);
  if (edit) return { action: "edit", persona: edit[1] as string, rule: edit[2] as string };
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
  const say = privateAnswer(deps, c.respond, log, "answering /triage rules");
  const r = c.request;
  try {
    switch (r.action) {
      case "export": {
        const yaml = await deps.ruleSets.exportYaml(c.workspaceId);
        const version = /version (\d+)/.exec(yaml)?.[1] ?? "";
        const dm = await client.conversations.open({ users: c.userId });
        const channel = dm.channel?.id;
        if (!channel) throw new Error("no DM channel");
        await client.filesUploadV2({
          channel_id: channel,
          file: Buffer.from(yaml, "utf8"),
          filename: `lead-triage-rules-v${version}.yml`,
          title: `Lead Triage rules v${version}`,
          initial_comment:
            "The rules in force, as YAML. Edit them and send them back with `/triage rules import` (admins).",
        });
        say({ text: `Sent you the rules (v${version}) as a YAML file in our DM.` });
        return;
      }
      case "usage":
      case "add":
      case "import":
      case "edit":
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

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

/** `/triage rules add` and `/triage rules edit persona/rule`: right after the ack (the trigger id lives 3
 * seconds), a bounded admin check and read of the rules, then the rule form. */
export async function openRuleForm(
  deps: SlackDeps,
  client: WebClient,
  c: {
    workspaceId: string;
    userId: string;
    triggerId: string;
    responseUrl?: string;
    respond: RespondFn;
    request: Extract<RulesRequest, { action: "add" | "edit" | "import" }>;
  },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `rules ${c.request.action}` });
  const say = privateAnswer(deps, c.respond, log, "answering /triage rules");
  if (!(await within(deps.admins.isAdmin(client, c.userId, log), 1_200, false))) {
    say(deps.admins.refusal("change the rules"));
    return;
  }
  const sealed = deps.forms.seal(
    { workspaceId: c.workspaceId, ...(c.responseUrl ? { responseUrl: c.responseUrl } : {}) },
    { teamId: c.workspaceId, userId: c.userId },
  );
  if (c.request.action === "import") {
    try {
      await client.views.open({ trigger_id: c.triggerId, view: importModal(sealed) });
    } catch (e) {
      log.error({ err: errorSummary(e) }, "opening the import form failed");
    }
    return;
  }
  const doc = await within(
    deps.ruleSets.document(c.workspaceId).catch(() => undefined),
    1_000,
    undefined,
  );
  if (doc === undefined) {
    say("Sorry, I couldn't read the rules quickly enough to open the form. Please try again.");
    return;
  }
  let editing: Parameters<typeof ruleModal>[2];
  if (c.request.action === "edit") {
    const { persona, rule } = c.request;
    const found = doc.personas.find((p) => p.id === persona)?.rules.find((r) => r.id === rule);
    if (!found) {
      say(`There is no rule ${persona}/${rule}: \`/triage rules\` lists them.`);
      return;
    }
    if (!("field" in found.when)) {
      say(
        `${persona}/${rule} combines several tests: edit it in YAML (\`lead-triage rules export\`, then \`publish\`).`,
      );
      return;
    }
    editing = { persona, rule: found as typeof found & { when: LeafCondition } };
  }
  try {
    await client.views.open({
      trigger_id: c.triggerId,
      view: ruleModal(
        sealed,
        doc.personas.map((p) => ({ id: p.id, name: p.name })),
        editing,
      ),
    });
  } catch (e) {
    log.error({ err: errorSummary(e) }, "opening the rule form failed");
  }
}
