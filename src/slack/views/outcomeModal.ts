import type { ModalView } from "@slack/types";
import { z } from "zod";
import { OUTCOME_KINDS, OUTCOME_LABELS, type OutcomeKind } from "../../domain/outcomes/kinds.js";
import type { ReasonTaxonomy } from "../../domain/outcomes/taxonomy.js";
import { clip, LIMITS } from "./limits.js";

export const OUTCOME_MODAL_ID = "outcome_reason";

/** What the modal carries from the button to its submission (Slack's private_metadata, ≤ 3,000 chars). */
export const outcomeModalMetaSchema = z.object({
  checkId: z.string().min(1).max(64),
  kind: z.enum(OUTCOME_KINDS),
  workspaceId: z.string().min(1).max(32),
  /** Where the button was: the verdict message, or a private verdict's response_url. */
  channelId: z.string().max(32).optional(),
  messageTs: z.string().max(32).optional(),
  responseUrl: z.string().url().max(1_000).optional(),
});
export type OutcomeModalMeta = z.infer<typeof outcomeModalMetaSchema>;

/** Asks why: a required reason from the workspace's taxonomy and an optional note in the rep's words. */
export function outcomeModal(
  meta: OutcomeModalMeta,
  reasons: ReasonTaxonomy,
  /** `meta` sealed (FormSeal): what the submission reads back. */
  privateMetadata: string,
): ModalView {
  return {
    type: "modal",
    callback_id: OUTCOME_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "What happened?" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `Marking this lead *${OUTCOME_LABELS[meta.kind as OutcomeKind]}*. Why?`,
        },
      },
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: "Reason" },
        element: {
          type: "static_select",
          action_id: "reason",
          placeholder: { type: "plain_text", text: "Pick the main reason" },
          options: reasons.entries.slice(0, LIMITS.selectOptions).map((e) => ({
            text: { type: "plain_text", text: clip(e.label, LIMITS.optionText) },
            value: e.id,
          })),
        },
      },
      {
        type: "input",
        block_id: "note",
        optional: true,
        label: { type: "plain_text", text: "Note (optional)" },
        element: {
          type: "plain_text_input",
          action_id: "note",
          multiline: true,
          max_length: 2_000,
          placeholder: { type: "plain_text", text: "e.g. 3-person agency, asked for a free plan" },
        },
      },
    ],
  };
}
