import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import { FACT_NAMES, type FactName, type FactSource } from "../../domain/lead/facts.js";
import type { LeadHistory, PriorCheck } from "../../domain/memory/history.js";
import { OUTCOME_LABELS, type OutcomeKind, type ShownOutcome } from "../../domain/outcomes/kinds.js";
import { describeFactValue, FACT_LABELS } from "../../domain/personas/describeFacts.js";
import { flagWeight, truncationNote, type VerdictReport } from "../../domain/personas/report.js";
import { escapeMrkdwn } from "../text.js";
import { historyBlock } from "./history.js";
import { clip, LIMITS } from "./limits.js";

const DECISION: Record<VerdictReport["decision"], { emoji: string; label: string }> = {
  pass: { emoji: "✅", label: "Pass" },
  review: { emoji: "🟡", label: "Review" },
  reject: { emoji: "⛔", label: "Reject" },
  needs_info: { emoji: "❔", label: "Needs info" },
};

/** Facts shown in Slack: the person's name and email (and the free-text notes) stay out of the channel. */
const SHOWN_FACTS = new Set<string>(FACT_NAMES.filter((name) => !["name", "email", "notes"].includes(name)));

const section = (text: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, LIMITS.sectionText) },
});

/** Lines joined into as few sections as the 3,000-character limit allows. */
function sections(lines: string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    const piece = clip(line, LIMITS.sectionText);
    if (current.length > 0 && current.length + 1 + piece.length > LIMITS.sectionText) {
      out.push(section(current));
      current = "";
    }
    current = current.length > 0 ? `${current}\n${piece}` : piece;
  }
  if (current.length > 0) out.push(section(current));
  return out;
}

/** An outcome as the verdict shows it. */

export const OUTCOME_ACTION_PREFIX = "outcome_";

/** Won records at once; the others ask for a reason in a modal. The value is the check id. */
export function outcomeButtons(checkId: string): ActionsBlock {
  const button = (kind: OutcomeKind, style?: "primary" | "danger"): Button => ({
    type: "button",
    action_id: `${OUTCOME_ACTION_PREFIX}${kind}`,
    text: { type: "plain_text", text: OUTCOME_LABELS[kind], emoji: true },
    value: checkId,
    ...(style ? { style } : {}),
  });
  return {
    type: "actions",
    block_id: `outcome:${checkId}`,
    elements: [button("won", "primary"), button("lost"), button("disqualified"), button("verdict_wrong")],
  };
}

function outcomeLine(outcome: ShownOutcome): ContextBlock {
  const emoji = outcome.kind === "won" ? "🏆" : outcome.kind === "verdict_wrong" ? "🔁" : "📉";
  const reason = outcome.reasonLabel ? ` — ${escapeMrkdwn(outcome.reasonLabel)}` : "";
  const who = outcome.userId ? ` · reported by <@${outcome.userId}>` : "";
  const when = `<!date^${Math.floor(outcome.at.getTime() / 1000)}^{date_short}|${outcome.at.toISOString().slice(0, 10)}>`;
  return {
    type: "context",
    elements: [
      { type: "mrkdwn", text: `${emoji} *${OUTCOME_LABELS[outcome.kind]}*${reason}${who} on ${when}` },
    ],
  };
}

/** Where a fact was read, where it matters: a signature or a mail header is the sender's own; a typed
 * field or the body says nothing a rep needs told. */
function sourceNote(source: FactSource | undefined, secondHand: boolean): string {
  if (secondHand) return " _(from the mail's body)_";
  if (source === "signature") return " _(from signature)_";
  if (source === "header") return " _(from mail header)_";
  return "";
}

/** Which words the AI-read facts rest on, and whether the rules judged them. */
function modelFactsNote(read: NonNullable<VerdictReport["readByModel"]>): ContextBlock {
  const sources = read.facts
    .map((f) => `${FACT_LABELS[f.fact] ?? f.fact} from “${escapeMrkdwn(clip(f.quote, 80))}”`)
    .join(", ");
  const how = read.judged
    ? "the rules judged them with the rest"
    : "shown only: a guess never clears a lead, so confirm them with the lead";
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: clip(`🤖 AI-read ${sources}; ${how}.`, LIMITS.sectionText) }],
  };
}

/** The verdict's header block id is this prefix and the check id. */
export const VERDICT_BLOCK_PREFIX = "verdict:";

/** The check id a verdict message carries, if it is one. */
export function checkIdOf(blocks: readonly { block_id?: string }[] | undefined): string | undefined {
  const id = blocks?.find((b) => b.block_id?.startsWith(VERDICT_BLOCK_PREFIX))?.block_id;
  return id?.slice(VERDICT_BLOCK_PREFIX.length);
}

export interface VerdictMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The verdict as a Slack message: decision and risk first (what a rep reads on a phone), then each red
 * flag with its quoted evidence, fit signals, the facts found, what to ask, and the rule-set version. */
export function verdictMessage(
  report: VerdictReport,
  options: {
    checkId?: string;
    outcome?: ShownOutcome;
    summary?: { summary: string } | { unavailable: string };
    /** What the team knew about this person and company before (a context block under the decision). */
    history?: { history: LeadHistory; repeatOf?: PriorCheck | undefined; asOf?: Date };
  } = {},
): VerdictMessage {
  const d = DECISION[report.decision];
  const header: HeaderBlock = {
    type: "header",
    // The check's id travels with its verdict, so later actions on this message can find the check.
    ...(options.checkId ? { block_id: `${VERDICT_BLOCK_PREFIX}${options.checkId}` } : {}),
    text: {
      type: "plain_text",
      text: clip(`${d.emoji} ${d.label} · risk ${report.risk}/100`, LIMITS.headerText),
      emoji: true,
    },
  };
  const blocks: KnownBlock[] = [header];
  const remembered =
    options.history && historyBlock(options.history.history, options.history.repeatOf, options.history.asOf);
  if (remembered) blocks.push(remembered);
  if (options.summary) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            "summary" in options.summary
              ? clip(
                  `📝 ${escapeMrkdwn(options.summary.summary)} _(AI summary; the rules decide)_`,
                  LIMITS.sectionText,
                )
              : "📝 _summary unavailable_",
        },
      ],
    });
  }

  if (report.matches.length > 0) {
    blocks.push(
      ...sections([
        "*Red flags*",
        ...report.matches.map((m) => `• ${escapeMrkdwn(m.reason)} _(${flagWeight(m, "hard no")})_`),
      ]),
    );
  } else {
    blocks.push(section("*Red flags:* none found"));
  }
  if (report.fits.length > 0) {
    blocks.push(...sections(["*Fit signals*", ...report.fits.map((m) => `• ${escapeMrkdwn(m.reason)}`)]));
  }
  const facts = Object.entries(report.facts).filter(([name]) => SHOWN_FACTS.has(name));
  const readByModel = new Set<string>(report.readByModel?.facts.map((f) => f.fact));
  if (facts.length > 0) {
    blocks.push(
      ...sections([
        "*Facts found*",
        facts
          .map(
            ([name, value]) =>
              `${FACT_LABELS[name]}: ${escapeMrkdwn(clip(describeFactValue(name, value), 120))}${readByModel.has(name) ? " _(AI-read)_" : sourceNote(report.sources?.[name as FactName], report.secondHand?.includes(name as FactName) === true)}`,
          )
          .join(" · "),
      ]),
    );
  }
  if (report.readByModel) blocks.push(modelFactsNote(report.readByModel));
  if (report.missing.length > 0) {
    blocks.push(section(`*Ask the lead for:* ${report.missing.join(", ")}`));
  }
  if (report.truncated) blocks.push(section(`_${truncationNote(report.truncated)}_`));
  const footer: ContextBlock = {
    type: "context",
    elements: [{ type: "mrkdwn", text: `Rule set v${report.ruleSetVersion} · Lead Triage` }],
  };
  // What became of the lead, and the buttons to say so, sit just above the footer.
  const tail: KnownBlock[] = [
    ...(options.outcome ? [outcomeLine(options.outcome)] : []),
    ...(options.checkId ? [outcomeButtons(options.checkId)] : []),
    footer,
  ];
  // Keep the decision, the tail and as much of the middle as fits in 50 blocks.
  const room = LIMITS.messageBlocks - tail.length;
  const body =
    blocks.length > room ? [...blocks.slice(0, room - 1), section("_…more in the thread_")] : blocks;

  const flags = report.matches.map((m) => m.reason).join("; ");
  // The fallback text is mrkdwn too: escaped like the blocks, so lead words cannot ping anyone.
  const text = clip(
    `${d.label} (risk ${report.risk}/100)${flags ? `: ${escapeMrkdwn(flags)}` : ""}`,
    LIMITS.fallbackText,
  );
  return { text, blocks: [...body, ...tail] };
}
