import { findPhrase, foldPhrase } from "../text.js";
import type { OutcomeKind } from "./kinds.js";
import { ReasonTaxonomy } from "./taxonomy.js";

/** Words that say what became of a lead, in four languages (folded). "verdict_wrong" is feedback on the
 * verdict itself. */
const KIND_WORDS: Record<OutcomeKind, string[]> = {
  won: [
    "won",
    "closed won",
    "we won",
    "win",
    "deal won",
    "signed",
    "closed the deal",
    "ganado",
    "ganamos",
    "cerrado ganado",
    "gewonnen",
    "abgeschlossen",
    "gagne",
    "signe",
  ],
  lost: [
    "lost",
    "closed lost",
    "we lost",
    "lost it",
    "dead",
    "deal lost",
    "perdido",
    "perdimos",
    "cerrado perdido",
    "verloren",
    "perdu",
  ],
  disqualified: [
    "dq",
    "dqd",
    "dq'd",
    "disqualified",
    "disqualify",
    "unqualified",
    "not qualified",
    "descalificado",
    "no calificado",
    "disqualifiziert",
    "nicht qualifiziert",
    "disqualifie",
    "non qualifie",
  ],
  no_show: [
    "no show",
    "no-show",
    "noshow",
    "didnt show",
    "didn't show",
    "no se presento",
    "nicht erschienen",
    "absent",
  ],
  verdict_wrong: [
    "verdict wrong",
    "verdict was wrong",
    "wrong verdict",
    "bad verdict",
    "false positive",
    "false negative",
  ],
};

const COMPILED = (Object.entries(KIND_WORDS) as [OutcomeKind, string[]][])
  .flatMap(([kind, words]) => words.map((w) => ({ kind, words: foldPhrase(w).split(" ") })))
  .sort((a, b) => b.words.join(" ").length - a.words.join(" ").length);

/** How many leading words may come before the outcome word for the reply to count as a report
 * ("closed lost, …", "ok so we lost", "DQ: student"). Further in, it is conversation about it. */
const LEADING_WORDS = 3;

export type OutcomeReading =
  /** A report: what happened, and why when the words say so. */
  | { kind: "report"; outcome: OutcomeKind; reason?: string }
  /** Outcome words, but not clearly a report: ask rather than guess. */
  | { kind: "unsure"; candidates: OutcomeKind[] }
  /** Plain conversation. */
  | { kind: "none" };

/** Reads a reply in a verdict's thread: "lost – no budget, 3-person agency", "DQ: student", "won!",
 * "closed lost, went with a competitor", "perdido: sin presupuesto". Conversation ("thanks, I'll call them
 * tomorrow") is none; outcome words deep inside a sentence, or two different outcomes, are unsure. */
export function readOutcomeReport(
  text: string,
  reasons: ReasonTaxonomy = ReasonTaxonomy.defaults,
): OutcomeReading {
  const folded = foldPhrase(text);
  if (folded.length === 0) return { kind: "none" };
  const found = new Map<OutcomeKind, number>();
  for (const c of COMPILED) {
    const at = findPhrase(folded, c.words);
    if (at === undefined) continue;
    // A longer phrase already claimed this place ("closed lost" before "lost").
    const wordIndex = folded.slice(0, at[0]).split(" ").filter(Boolean).length;
    const known = found.get(c.kind);
    if (known === undefined || wordIndex < known) found.set(c.kind, wordIndex);
  }
  if (found.size === 0) return { kind: "none" };
  const kinds = [...found.keys()];
  if (kinds.length > 1) {
    // "closed won … not lost": the first outcome in leading position wins only when it is alone there.
    const leading = kinds.filter((k) => (found.get(k) as number) <= LEADING_WORDS);
    if (leading.length !== 1) return { kind: "unsure", candidates: kinds };
  }
  const leading = kinds.filter((k) => (found.get(k) as number) <= LEADING_WORDS);
  if (leading.length === 0) return { kind: "unsure", candidates: kinds };
  const outcome = leading[0] as OutcomeKind;
  const reason = outcome === "won" ? undefined : reasons.find(text);
  return reason ? { kind: "report", outcome, reason } : { kind: "report", outcome };
}
