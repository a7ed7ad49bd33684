import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { PendingSuggestion } from "../../services/suggestions.js";
import { escapeMrkdwn } from "../text.js";
import { clip, LIMITS } from "./limits.js";

export const APPROVE_ACTION = "refine_approve";
export const DISMISS_ACTION = "refine_dismiss";
export const DISMISS_MODAL_ID = "refine_dismiss_reason";
/** Two blocks each, within a message's 50 blocks with room for the header and the footer. */
const MAX_SHOWN = 20;

/** One suggestion: what to change and why, the backtest, and Approve / Dismiss for admins. */
export function suggestionBlocks(p: PendingSuggestion): KnownBlock[] {
  return [
    {
      type: "section",
      block_id: `suggestion:${p.id}`,
      text: {
        type: "mrkdwn",
        text: clip(
          `${escapeMrkdwn(p.summary)}\n_Backtest:_ ${escapeMrkdwn(p.backtestLine)}`,
          LIMITS.sectionText,
        ),
      },
    },
    {
      type: "actions",
      block_id: `suggestion_actions:${p.id}`,
      elements: [
        {
          type: "button",
          action_id: APPROVE_ACTION,
          style: "primary",
          text: { type: "plain_text", text: "Approve" },
          value: p.id,
          confirm: {
            title: { type: "plain_text", text: "Publish this change?" },
            text: {
              type: "mrkdwn",
              text: clip("It becomes a new rule-set version; any version can be restored.", 300),
            },
            confirm: { type: "plain_text", text: "Publish" },
            deny: { type: "plain_text", text: "Cancel" },
          },
        },
        {
          type: "button",
          action_id: DISMISS_ACTION,
          text: { type: "plain_text", text: "Dismiss" },
          value: p.id,
        },
      ],
    },
  ];
}

/** `/triage refine`: the pending suggestions with their evidence, or why there are none. */
export function suggestionsMessage(
  pending: PendingSuggestion[],
  basis: { outcomes: number; ruleSetVersion: number },
): { text: string; blocks: KnownBlock[] } {
  if (pending.length === 0) {
    const text = `No rule changes to suggest: ${basis.outcomes} outcome(s) on record, and nothing stands out with enough of them behind it. Keep reporting outcomes (buttons on verdicts, or replies in their threads), or import your CRM history with \`lead-triage outcomes import\`.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const shown = pending.slice(0, MAX_SHOWN);
  const more = pending.length - shown.length;
  const intro = `*${pending.length} suggested rule change${pending.length === 1 ? "" : "s"}* for rule set v${basis.ruleSetVersion}, from ${basis.outcomes} outcomes. Admins approve (a new version) or dismiss.`;
  return {
    text: `${pending.length} suggested rule change(s) from ${basis.outcomes} outcomes`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: intro } },
      ...shown.flatMap(suggestionBlocks),
      ...(more > 0
        ? [
            {
              type: "context" as const,
              elements: [{ type: "mrkdwn" as const, text: `…and ${more} more: decide these first.` }],
            },
          ]
        : []),
    ],
  };
}

export const dismissMetaSchema = z.object({
  suggestionId: z.string().uuid(),
  workspaceId: z.string().min(1).max(32),
  responseUrl: z.string().url().max(1_000).optional(),
});
export type DismissMeta = z.infer<typeof dismissMetaSchema>;

/** Asks why a suggestion is dismissed: the reason is kept, and the suggestion stays away until its
 * evidence changes materially. */
export function dismissModal(privateMetadata: string): ModalView {
  return {
    type: "modal",
    callback_id: DISMISS_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Dismiss suggestion" },
    submit: { type: "plain_text", text: "Dismiss" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Your reason is kept with the suggestion, and it won't be suggested again until its evidence changes materially.",
        },
      },
      {
        type: "input",
        block_id: "why",
        label: { type: "plain_text", text: "Why not?" },
        element: {
          type: "plain_text_input",
          action_id: "why",
          max_length: 500,
          placeholder: { type: "plain_text", text: "e.g. we are launching an education plan next quarter" },
        },
      },
    ],
  };
}
