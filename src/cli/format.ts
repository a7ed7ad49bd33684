import type { FactName } from "../domain/lead/facts.js";
import {
  countText,
  daysAgo,
  type LeadHistory,
  type PriorCheck,
  type PriorOutcome,
  personOutcomeToShow,
  shortDate,
} from "../domain/memory/history.js";
import { OUTCOME_LABELS } from "../domain/outcomes/kinds.js";
import { reasonWords } from "../domain/outcomes/reasons.js";
import { describeFactValue, FACT_LABELS } from "../domain/personas/describeFacts.js";
import {
  flagWeight,
  SECOND_HAND_NOTE,
  truncationNote,
  type VerdictReport,
} from "../domain/personas/report.js";

const LABEL: Record<VerdictReport["decision"], string> = {
  pass: "PASS",
  review: "REVIEW",
  reject: "REJECT",
  needs_info: "NEEDS INFO",
};

function formatValue(name: string, value: unknown): string {
  const text = describeFactValue(name, value);
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/** Where a fact came from, when a rep should know: read by the AI, second-hand, inferred, or the sender's own
 * signature or mail header. */
function factNote(report: VerdictReport, name: FactName, quote: string | undefined): string {
  if (quote !== undefined) {
    return ` (AI-read from "${quote}"${report.readByModel?.judged ? "" : "; shown only, a guess never clears a lead"})`;
  }
  if (report.secondHand?.includes(name)) return ` (${SECOND_HAND_NOTE})`;
  if (report.inferred.includes(name)) return " (inferred)";
  const source = report.sources?.[name];
  if (source === "signature") return " (from signature)";
  return source === "header" ? " (from mail header)" : "";
}

/** The readable verdict `lead-triage check` prints. */
export function formatVerdict(report: VerdictReport): string {
  const out: string[] = [];
  out.push(`${LABEL[report.decision]}  risk ${report.risk}/100  (rule set v${report.ruleSetVersion})`);
  if (report.matches.length > 0) {
    out.push("", "Red flags:");
    for (const m of report.matches) {
      const weight = flagWeight(m);
      out.push(`  ✗ ${m.reason}  [${m.persona}/${m.rule}, ${weight}]`);
    }
  } else {
    out.push("", "Red flags: none");
  }
  if (report.fits.length > 0) {
    out.push("", "Fit signals:");
    for (const m of report.fits) out.push(`  ✓ ${m.reason}  [${m.persona}/${m.rule}]`);
  }
  const facts = Object.entries(report.facts);
  out.push("", facts.length > 0 ? "Facts found:" : "Facts found: none");
  const readByModel = new Map(report.readByModel?.facts.map((f) => [f.fact as string, f.quote]));
  for (const [name, value] of facts) {
    const note = factNote(report, name as FactName, readByModel.get(name));
    out.push(`  ${(FACT_LABELS[name] ?? name).padEnd(13)} ${formatValue(name, value)}${note}`);
  }
  if (report.missing.length > 0) {
    out.push(
      "",
      `Ask the lead for: ${report.missing.map((m) => (FACT_LABELS[m] ?? m).toLowerCase()).join(", ")}`,
    );
  }
  if (report.truncated) out.push("", `Note: ${truncationNote(report.truncated)}`);
  return out.join("\n");
}

/** "; lost 20 Sep (no budget)" */
function outcomeText(outcome: PriorOutcome, now: Date): string {
  return `; ${OUTCOME_LABELS[outcome.kind].toLowerCase()} ${shortDate(outcome.createdAt, now)}${outcome.reason ? ` (${reasonWords(outcome.reason)})` : ""}`;
}

/** What the team knew before this check, each thing on its own (no indent): a repeat or the person, then the
 * company; empty when nothing. */
function historyParts(history: LeadHistory, repeatOf: PriorCheck | undefined, now: Date): string[] {
  const lines: string[] = [];
  const personOutcome = personOutcomeToShow(history);
  const personOutcomeText = personOutcome ? outcomeText(personOutcome, now) : "";
  if (repeatOf)
    lines.push(
      `Already checked ${daysAgo(repeatOf.createdAt, now)} (${repeatOf.decision}): this is a repeat${personOutcomeText}`,
    );
  else if (history.person)
    lines.push(
      `This person: checked ${countText(history.person.count)}x since ${shortDate(history.person.first, now)}, last ${daysAgo(history.person.latest.createdAt, now)} (${history.person.latest.decision})${personOutcomeText}`,
    );
  const company = history.company;
  if (company) {
    const outcome = company.outcome;
    lines.push(
      `${company.label}: checked ${countText(company.count)}x since ${shortDate(company.first, now)}${
        outcome
          ? outcomeText(outcome, now)
          : `, last ${daysAgo(company.latest.createdAt, now)} (${company.latest.decision})`
      }${company.customer ? "; existing customer" : ""}`,
    );
  }
  return lines;
}

/** What the team knew before this check, in plain lines for `lead-triage check`; empty when nothing. */
export function formatHistory(
  history: LeadHistory,
  repeatOf: PriorCheck | undefined,
  now = new Date(),
): string {
  const lines = historyParts(history, repeatOf, now);
  return lines.length > 0 ? `\nBefore this check:\n${lines.map((l) => `  ${l}`).join("\n")}\n` : "";
}

/** The same in one cell of `check --file`'s `triage_history` column; a row that repeats an earlier row of the
 * file says which. */
export function historyLine(
  row: { history: LeadHistory; repeatOf?: PriorCheck; repeatOfLine?: number },
  now = new Date(),
): string {
  const parts = historyParts(row.history, row.repeatOf, now);
  if (row.repeatOfLine !== undefined)
    parts.unshift(`Same person as line ${row.repeatOfLine}: this is a repeat`);
  return parts.join(" | ");
}
