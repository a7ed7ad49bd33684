import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import type { LeafCondition, Rule } from "../../domain/personas/schema.js";
import { RULE_FIELDS } from "../../domain/personas/schema.js";
import { clip } from "./limits.js";

export const RULE_MODAL_ID = "rule_edit";

export const ruleModalMetaSchema = z.object({
  workspaceId: z.string().min(1).max(32),
  responseUrl: z.string().url().max(1_000).optional(),
});
export type RuleModalMeta = z.infer<typeof ruleModalMetaSchema>;

const OPS = [
  "eq",
  "in",
  "contains_any",
  "matches",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "present",
  "missing",
] as const;
const option = (value: string, text = value): PlainTextOption => ({
  text: { type: "plain_text", text: clip(text, 75) },
  value,
});

/** Add a rule, or edit one whose condition is a single test: persona, id, field, operator, value, weight or
 * hard exclude, and the reason reps will read. Nothing is published from here: the change is backtested
 * and waits for an admin's approval. */
export function ruleModal(
  /** A RuleModalMeta sealed (FormSeal). */
  privateMetadata: string,
  personas: { id: string; name: string }[],
  editing?: { persona: string; rule: Rule & { when: LeafCondition } },
): ModalView {
  const rule = editing?.rule;
  const when = rule?.when;
  const value =
    when && "value" in when
      ? Array.isArray(when.value)
        ? when.value.join(", ")
        : String(when.value)
      : undefined;
  const personaOptions = personas.slice(0, 100).map((p) => option(p.id, `${p.name} (${p.id})`));
  const initialPersona = personaOptions.find((o) => o.value === editing?.persona);
  return {
    type: "modal",
    callback_id: RULE_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: editing ? "Edit a rule" : "Add a rule" },
    submit: { type: "plain_text", text: "Backtest" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "persona",
        optional: true,
        label: { type: "plain_text", text: "Persona" },
        element: {
          type: "static_select",
          action_id: "persona",
          options: personaOptions,
          ...(initialPersona ? { initial_option: initialPersona } : {}),
        },
      },
      {
        type: "input",
        block_id: "new_persona",
        optional: true,
        label: { type: "plain_text", text: "…or a new anti-persona (its name)" },
        element: { type: "plain_text_input", action_id: "new_persona", max_length: 80 },
      },
      {
        type: "input",
        block_id: "rule_id",
        label: { type: "plain_text", text: "Rule id" },
        element: {
          type: "plain_text_input",
          action_id: "rule_id",
          max_length: 64,
          placeholder: { type: "plain_text", text: "e.g. reseller-domain" },
          ...(rule ? { initial_value: rule.id } : {}),
        },
      },
      {
        type: "input",
        block_id: "field",
        label: { type: "plain_text", text: "Field" },
        element: {
          type: "static_select",
          action_id: "field",
          options: RULE_FIELDS.map((f) => option(f)),
          ...(when ? { initial_option: option(when.field) } : {}),
        },
      },
      {
        type: "input",
        block_id: "op",
        label: { type: "plain_text", text: "Test" },
        element: {
          type: "static_select",
          action_id: "op",
          options: OPS.map((o) => option(o)),
          ...(when ? { initial_option: option(when.op) } : {}),
        },
      },
      {
        type: "input",
        block_id: "value",
        optional: true,
        label: { type: "plain_text", text: "Value" },
        hint: {
          type: "plain_text",
          text: "Comma-separated for in and contains_any; two numbers for between.",
        },
        element: { type: "plain_text_input", action_id: "value", ...(value ? { initial_value: value } : {}) },
      },
      {
        type: "input",
        block_id: "weight",
        optional: true,
        label: { type: "plain_text", text: "Weight (0–100)" },
        element: {
          type: "number_input",
          action_id: "weight",
          is_decimal_allowed: false,
          min_value: "0",
          max_value: "100",
          ...(rule?.weight !== undefined ? { initial_value: String(rule.weight) } : {}),
        },
      },
      {
        type: "input",
        block_id: "exclude",
        optional: true,
        label: { type: "plain_text", text: "Hard no" },
        element: {
          type: "checkboxes",
          action_id: "exclude",
          options: [option("exclude", "Reject outright when it matches (instead of a weight)")],
          ...(rule?.exclude
            ? {
                initial_options: [option("exclude", "Reject outright when it matches (instead of a weight)")],
              }
            : {}),
        },
      },
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: "Reason reps will read" },
        element: {
          type: "plain_text_input",
          action_id: "reason",
          max_length: 300,
          placeholder: { type: "plain_text", text: "e.g. Resells rather than uses ({evidence})" },
          ...(rule ? { initial_value: rule.reason } : {}),
        },
      },
    ],
  };
}

export const IMPORT_MODAL_ID = "rules_import";

/** An admin uploads a rule set (YAML or JSON, as `lead-triage rules export` or `/triage rules export` wrote
 * it). It is validated, compared and backtested before anything is published. */
export function importModal(privateMetadata: string): ModalView {
  return {
    type: "modal",
    callback_id: IMPORT_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Import rules" },
    submit: { type: "plain_text", text: "Backtest" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Upload a rule file (YAML or JSON). I'll check it, show what changes and what it would have done to recent leads, and wait for an admin's *Approve*.",
        },
      },
      {
        type: "input",
        block_id: "file",
        label: { type: "plain_text", text: "Rule file" },
        element: { type: "file_input", action_id: "file", filetypes: ["yml", "yaml", "json"], max_files: 1 },
      },
    ],
  } as ModalView;
}
