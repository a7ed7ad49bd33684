import type { ParsedLead } from "../lead/facts.js";
import type { OutcomeKind } from "../outcomes/kinds.js";
import type { CompiledRuleSet } from "../personas/compile.js";
import type { Decision } from "../personas/verdict.js";
import { outcomeClass } from "./history.js";

/** What a rule change would have done to past checks whose outcome is known. */
export interface BacktestResult {
  /** Checks replayed. */
  checks: number;
  /** Checks whose text was purged: replayed from their facts, so rules on the lead's words could not match. */
  fromFactsOnly: number;
  /** Checks whose decision would change. */
  changed: number;
  /** Of the changed: how those leads really ended. */
  changedWon: number;
  changedLost: number;
  /** Changed towards caution (pass → review/reject, review → reject): won leads here are sales the change
   * would have discouraged; lost ones are time it would have saved. */
  stricter: { won: number; lost: number };
  /** Changed towards pursuing: lost leads here are time it would have cost. */
  looser: { won: number; lost: number };
  /** "pass→reject": count. */
  transitions: Record<string, number>;
  /** A few changed check ids, for looking at. */
  examples: string[];
}

/** A backtest that replayed nothing (yet). */
export function emptyBacktest(): BacktestResult {
  return {
    checks: 0,
    fromFactsOnly: 0,
    changed: 0,
    changedWon: 0,
    changedLost: 0,
    stricter: { won: 0, lost: 0 },
    looser: { won: 0, lost: 0 },
    transitions: {},
    examples: [],
  };
}

const SEVERITY: Record<Decision, number> = { needs_info: 0, pass: 0, review: 1, reject: 2 };

/** Replays checks through the rules in force and a candidate set, one at a time (streaming), and tallies
 * the decisions that would change. Pure: the caller reads the checks. */
export class Backtest {
  private readonly result: BacktestResult = emptyBacktest();

  constructor(
    private readonly current: CompiledRuleSet,
    private readonly candidate: CompiledRuleSet,
  ) {}

  add(checkId: string, lead: ParsedLead, outcome: OutcomeKind, fromFactsOnly: boolean): void {
    const r = this.result;
    r.checks++;
    if (fromFactsOnly) r.fromFactsOnly++;
    const before = this.current.evaluate(lead).decision;
    const after = this.candidate.evaluate(lead).decision;
    if (before === after) return;
    r.changed++;
    const cls = outcomeClass(outcome);
    if (cls === "good") r.changedWon++;
    if (cls === "bad") r.changedLost++;
    const direction =
      SEVERITY[after] > SEVERITY[before]
        ? r.stricter
        : SEVERITY[after] < SEVERITY[before]
          ? r.looser
          : undefined;
    if (direction && cls === "good") direction.won++;
    if (direction && cls === "bad") direction.lost++;
    const key = `${before}→${after}`;
    r.transitions[key] = (r.transitions[key] ?? 0) + 1;
    if (r.examples.length < 5) r.examples.push(checkId);
  }

  get summary(): BacktestResult {
    return structuredClone(this.result);
  }
}

/** The backtest in one line for an admin. */
export function describeBacktest(b: BacktestResult, days: number): string {
  if (b.checks === 0) return `No checks with a known outcome in the last ${days} days to replay.`;
  const purged =
    b.fromFactsOnly > 0
      ? ` (${b.fromFactsOnly} replayed from their facts only: their text was purged, so rules on the lead's words could not be replayed for them)`
      : "";
  if (b.changed === 0)
    return `Over the last ${days} days it would have changed none of ${b.checks} verdicts with a known outcome${purged}.`;
  const moves = Object.entries(b.transitions)
    .sort((x, y) => y[1] - x[1])
    .map(([t, n]) => `${n} ${t}`)
    .join(", ");
  return (
    `Over the last ${days} days it would have changed ${b.changed} of ${b.checks} verdicts with a known outcome (${moves}): ` +
    `${b.changedWon} of those leads were won and ${b.changedLost} lost or disqualified` +
    (b.stricter.won + b.stricter.lost > 0
      ? `; made stricter: ${b.stricter.lost} lost (time saved), ${b.stricter.won} won (sales put at risk)`
      : "") +
    (b.looser.won + b.looser.lost > 0 ? `; made looser: ${b.looser.won} won, ${b.looser.lost} lost` : "") +
    `${purged}.`
  );
}
