import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { NUMERIC_FIELDS, type Rule, ruleSchema } from "../../../domain/personas/schema.js";
import { foldPhrase } from "../../../domain/text.js";
import type { SlackDeps } from "../../deps.js";
import { formMetadata } from "../../formMetadata.js";
import { privateAnswer, respondTo } from "../../reply.js";
import { ruleModalMetaSchema } from "../../views/ruleModal.js";
import { proposeChange } from "./proposeChange.js";

type Values = ViewSubmitAction["view"]["state"]["values"];

export type RuleChange =
  | { ok: true; persona: string; newPersona?: { name: string; description: string }; rule: Rule }
  | { ok: false; errors: Record<string, string> };

const text = (v: Values, block: string) => (v[block]?.[block]?.value ?? "").trim();
const number = (s: string) => (s.trim() === "" || Number.isNaN(Number(s)) ? undefined : Number(s));

/** The rule the form describes, checked by the rule schema; problems are named on their own fields. */
export function readRuleForm(v: Values): RuleChange {
  const errors: Record<string, string> = {};
  const chosen = v.persona?.persona?.selected_option?.value;
  const newName = text(v, "new_persona");
  const persona = newName ? foldPhrase(newName).replace(/ /g, "-").slice(0, 64) : chosen;
  if (!persona) errors.persona = "Pick a persona, or name a new one below.";
  const field = v.field?.field?.selected_option?.value ?? "";
  const op = v.op?.op?.selected_option?.value ?? "";
  const raw = text(v, "value");
  const list = raw
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  const numeric = NUMERIC_FIELDS.has(field as never);
  let when: Record<string, unknown> = { field, op };
  if (op === "present" || op === "missing") when = { field, op };
  else if (op === "in")
    when = { field, op, value: list.map((x) => (numeric && number(x) !== undefined ? Number(x) : x)) };
  else if (op === "contains_any") when = { field, op, value: list };
  else if (op === "between") when = { field, op, value: list.map(Number) };
  else if (["gt", "gte", "lt", "lte"].includes(op)) when = { field, op, value: number(raw) ?? raw };
  else when = { field, op, value: numeric && number(raw) !== undefined ? Number(raw) : raw };
  const exclude = (v.exclude?.exclude?.selected_options ?? []).length > 0;
  const weight = number(v.weight?.weight?.value ?? "");
  if (!exclude && weight === undefined) errors.weight = "Give a weight (0–100), or tick Hard no.";
  if (exclude && weight !== undefined)
    errors.weight = "A hard no has no weight: clear it, or untick Hard no.";
  const candidate = {
    id: text(v, "rule_id"),
    when,
    ...(exclude ? { exclude: true } : weight !== undefined ? { weight } : {}),
    reason: text(v, "reason"),
    provenance: "manual",
  };
  const parsed = ruleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at =
        issue.path[0] === "id"
          ? "rule_id"
          : issue.path[0] === "when"
            ? "value"
            : String(issue.path[0] ?? "value");
      const block = ["rule_id", "value", "weight", "reason"].includes(at) ? at : "value";
      errors[block] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !persona) return { ok: false, errors };
  return {
    ok: true,
    persona,
    ...(newName && !chosen ? { newPersona: { name: newName, description: "Added by an admin." } } : {}),
    rule: parsed.data,
  };
}

/** The rule form's Backtest: checked in the ack (errors show in the form), then — for admins — validated
 * against the rules in force, backtested, and shown privately with Approve / Dismiss. */
export function ruleSubmission(deps: SlackDeps) {
  return async ({
    ack,
    view,
    body,
    client,
  }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const meta = await formMetadata(
      deps.forms,
      ruleModalMetaSchema,
      { view, ack, body },
      "reason",
      "Open it again.",
    );
    if (meta === undefined) return;
    const change = readRuleForm(view.state.values);
    if (!change.ok) {
      await ack({ response_action: "errors", errors: change.errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    const log = deps.logger.child({ workspace: meta.workspaceId, command: "rules edit" });
    const respond = meta.responseUrl ? respondTo(meta.responseUrl) : undefined;
    const tell = privateAnswer(deps, respond, log, "answering the rule form");
    deps.work.push(() =>
      proposeChange(deps, client, {
        userId,
        log,
        tell,
        action: "change the rules",
        what: "Your rule change",
        cannot: "That change would not work",
        propose: () => deps.suggestions.propose(meta.workspaceId, change, userId),
      }),
    );
  };
}
