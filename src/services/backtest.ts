import { parseLead } from "../domain/lead/parse.js";
import { keptHistory } from "../domain/memory/facts.js";
import { isOutcomeKind } from "../domain/outcomes/kinds.js";
import { compileRuleSet } from "../domain/personas/compile.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { Backtest, type BacktestResult } from "../domain/refine/backtest.js";
import { leadFromStoredFacts } from "../domain/refine/replay.js";
import type { OutcomeRepository } from "./ports/index.js";
import type { RuleBook } from "./ruleBook.js";

export const BACKTEST_DAYS = 90;
const PAGE = 2_000;

/** Replays the last `days` of a workspace's checks with known outcomes through its rules in force and
 * through candidate rule sets, in one pass (each lead is parsed once, whatever the number of candidates). */
export class BacktestService {
  constructor(
    private readonly store: { outcomes: Pick<OutcomeRepository, "replayPage"> },
    private readonly ruleBook: RuleBook,
  ) {}

  async run(
    workspaceId: string,
    candidates: readonly RuleSet[],
    days = BACKTEST_DAYS,
  ): Promise<BacktestResult[]> {
    const current = compileRuleSet((await this.ruleBook.activeRuleSet(workspaceId)).document);
    const backtests = candidates.map(
      (c, i) => new Backtest(current, compileRuleSet(validateRuleSet(c, `candidate ${i + 1}`))),
    );
    const since = new Date(Date.now() - days * 86_400_000);
    let after: string | undefined;
    for (;;) {
      const page = await this.store.outcomes.replayPage(workspaceId, since, after, PAGE);
      for (const row of page) {
        if (!isOutcomeKind(row.kind)) continue;
        const fromFactsOnly = row.rawText === null;
        // With the history the rules saw when the lead was checked, never the history as it stands now.
        const lead = {
          ...(row.rawText === null
            ? leadFromStoredFacts(row.facts ?? {}, row.secondHandFacts)
            : parseLead(row.rawText)),
          ...keptHistory(row.history),
        };
        for (const b of backtests) b.add(row.checkId, lead, row.kind, fromFactsOnly);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.checkId;
    }
    return backtests.map((b) => b.summary);
  }
}
