import { keptHistory } from "../domain/memory/facts.js";
import { isOutcomeKind } from "../domain/outcomes/kinds.js";
import { applySuggestion } from "../domain/refine/apply.js";
import { type BacktestResult, emptyBacktest } from "../domain/refine/backtest.js";
import type { OutcomeHistoryItem } from "../domain/refine/history.js";
import {
  DEFAULT_REFINE_OPTIONS,
  type RefineOptions,
  type Suggestion,
  suggestRefinements,
} from "../domain/refine/suggest.js";
import type { BacktestService } from "./backtest.js";
import type { OutcomeRepository } from "./ports/index.js";
import type { ReasonService } from "./reasons.js";
import type { RuleBook } from "./ruleBook.js";

export interface Refinement {
  /** Each suggestion with what it would have done to the last 90 days of checks with known outcomes. */
  suggestions: { suggestion: Suggestion; backtest: BacktestResult }[];
  /** What the suggestions rest on. */
  basis: { outcomes: number; ruleSetVersion: number; minSupport: number };
  reasonLabel: (reason: string) => string;
}

/** Suggestions for a workspace's rules from what became of its leads. Reads the history the store keeps
 * (facts and matched rules, never the text) and leaves the judging to the pure refinement engine. */
export class RefinementService {
  constructor(
    private readonly store: { outcomes: Pick<OutcomeRepository, "history"> },
    private readonly ruleBook: RuleBook,
    private readonly reasons: ReasonService,
    private readonly backtests: BacktestService,
  ) {}

  /** `backtest: false` skips replaying history for each suggestion (a caller that only counts them). */
  async suggest(
    workspaceId: string,
    options: Partial<Omit<RefineOptions, "reasonLabel">> = {},
    { backtest = true }: { backtest?: boolean } = {},
  ): Promise<Refinement> {
    const [rules, rows, taxonomy] = await Promise.all([
      this.ruleBook.activeRuleSet(workspaceId),
      this.store.outcomes.history(workspaceId),
      this.reasons.taxonomy(workspaceId),
    ]);
    const history: OutcomeHistoryItem[] = rows.flatMap((r) =>
      isOutcomeKind(r.kind)
        ? [
            {
              checkId: r.checkId,
              facts: r.facts ?? {},
              ...keptHistory(r.history),
              matchedRules: r.matchedRules,
              outcome: r.kind,
              reason: r.reason,
              at: r.at,
            },
          ]
        : [],
    );
    const settings = { ...DEFAULT_REFINE_OPTIONS, ...options };
    const reasonLabel = (reason: string) => taxonomy.label(reason);
    const suggestions = suggestRefinements(history, rules.document, { ...settings, reasonLabel });
    const backtests = backtest
      ? await this.backtests.run(
          workspaceId,
          suggestions.map((s) => applySuggestion(rules.document, s)),
        )
      : [];
    return {
      suggestions: suggestions.map((suggestion, i) => ({
        suggestion,
        backtest: backtests[i] ?? emptyBacktest(),
      })),
      basis: { outcomes: history.length, ruleSetVersion: rules.version, minSupport: settings.minSupport },
      reasonLabel,
    };
  }
}
