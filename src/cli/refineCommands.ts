import { describeBacktest } from "../domain/refine/backtest.js";
import { describeSuggestion } from "../domain/refine/describe.js";
import { BACKTEST_DAYS, BacktestService } from "../services/backtest.js";
import { ReasonService } from "../services/reasons.js";
import { RefinementService } from "../services/refinement.js";
import { RuleBook } from "../services/ruleBook.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withRuntime } from "./runtime.js";

interface RefineOptions {
  json?: boolean;
  minSupport: string;
  workspace: string;
}

/** `lead-triage refine`: data-backed suggestions for the workspace's rules. It changes nothing: an admin
 * reviews and publishes. */
export async function refineCommand(options: RefineOptions): Promise<void> {
  const minSupport = Number(options.minSupport);
  if (!Number.isInteger(minSupport) || minSupport < 2)
    throw new CliError("--min-support takes a whole number of outcomes, at least 2 (default 8)", EXIT_USAGE);
  const refinement = await withRuntime(async (runtime) => {
    const reasons = new ReasonService(runtime.store);
    const ruleBook = new RuleBook(runtime.store.ruleSets, await loadRuleFile());
    const backtests = new BacktestService(runtime.store, ruleBook);
    return new RefinementService(runtime.store, ruleBook, reasons, backtests).suggest(options.workspace, {
      minSupport,
    });
  });
  const { suggestions, basis, reasonLabel } = refinement;
  if (options.json) {
    const out = suggestions.map(({ suggestion, backtest }) => ({
      ...suggestion,
      summary: describeSuggestion(suggestion, reasonLabel),
      backtest,
    }));
    process.stdout.write(`${JSON.stringify({ suggestions: out, basis }, null, 2)}\n`);
    return;
  }
  if (suggestions.length === 0) {
    process.stdout.write(
      `No suggestions: ${basis.outcomes} outcome(s) on record, and no trait or rule stands out with at least ${basis.minSupport} of them behind it. ` +
        "Report outcomes (or import your CRM history with lead-triage outcomes import) and try again.\n",
    );
    return;
  }
  process.stdout.write(
    `${suggestions.length} suggestion(s) for rule set v${basis.ruleSetVersion}, from ${basis.outcomes} outcome(s):\n`,
  );
  for (const { suggestion, backtest } of suggestions) {
    process.stdout.write(`• ${describeSuggestion(suggestion, reasonLabel)}\n`);
    process.stdout.write(`  Backtest: ${describeBacktest(backtest, BACKTEST_DAYS)}\n`);
  }
}

interface BacktestOptions {
  json?: boolean;
  days: string;
  workspace: string;
}

/** `lead-triage rules backtest FILE`: what a rule file would have changed over recent checks with known
 * outcomes, against the rules in force. */
export async function backtestCommand(file: string, options: BacktestOptions): Promise<void> {
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1)
    throw new CliError("--days takes a whole number of days, e.g. --days 90", EXIT_USAGE);
  const candidate = await loadRuleFile(file);
  const [result] = await withRuntime(async (runtime) => {
    const ruleBook = new RuleBook(runtime.store.ruleSets, await loadRuleFile());
    return new BacktestService(runtime.store, ruleBook).run(options.workspace, [candidate], days);
  });
  if (result === undefined) return;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ days, ...result }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${file}: ${describeBacktest(result, days)}\n`);
}
