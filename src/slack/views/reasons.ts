import type { KnownBlock } from "@slack/types";
import type { ReasonTaxonomy } from "../../domain/outcomes/taxonomy.js";
import { escapeMrkdwn } from "../text.js";
import { LIMITS } from "./limits.js";

export const REASONS_USAGE =
  "Admins change the list: `/triage reasons add Needs on-premise: on-prem, self-hosted` adds a reason (words after the colon also name it in replies), `/triage reasons rename No budget to Budget frozen` renames one (outcomes already reported keep it).";

/** Sections of lines, each within Block Kit's section text limit. */
function sections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let chunk = "";
  for (const line of lines) {
    if (chunk.length + line.length + 1 > LIMITS.sectionText) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
      chunk = "";
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
  return blocks;
}

/** The workspace's reasons as reps pick them, the workspace's own marked, and how admins change them. */
export function reasonsMessage(taxonomy: ReasonTaxonomy): { text: string; blocks: KnownBlock[] } {
  const lines = taxonomy.entries.map(
    (e) => `• ${escapeMrkdwn(e.label)}${e.changed ? " _(this workspace's)_" : ""} — \`${e.id}\``,
  );
  const intro = `*Reasons a lead did not buy* (${taxonomy.entries.length}), as reps pick them on Lost, Disqualified and Verdict was wrong:`;
  return {
    text: `Reasons a lead did not buy: ${taxonomy.entries.map((e) => e.label).join(", ")}`.slice(
      0,
      LIMITS.fallbackText,
    ),
    blocks: [
      ...sections([intro, ...lines]),
      { type: "context", elements: [{ type: "mrkdwn", text: REASONS_USAGE }] },
    ],
  };
}
