import type { Command } from "commander";
import { describeBacktest } from "../domain/refine/backtest.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { WORKSPACE_OPTION, withServices } from "./runtime.js";
import { shortId } from "./suggestionCommands.js";

interface RefineOptions {
  json?: boolean;
  minSupport: string;
  workspace: string;
}

/** `lead-triage refine`: data-backed suggestions for the workspace's rules, kept as its open suggestions (as
 * `/triage refine` keeps them) with the ids `suggestions approve` and `dismiss` take. The rules do not change
 * until one is approved. */
export async function refineCommand(options: RefineOptions): Promise<void> {
  const minSupport = Number(options.minSupport);
  if (!Number.isInteger(minSupport) || minSupport < 2)
    throw new CliError("--min-support takes a whole number of outcomes, at least 2 (default 8)", EXIT_USAGE);
  const refreshed = await withServices(({ suggestions }) =>
    suggestions.refresh(options.workspace, { minSupport }),
  );
  const { pending } = refreshed;
  const basis = { outcomes: refreshed.outcomes, ruleSetVersion: refreshed.ruleSetVersion, minSupport };
  if (options.json) {
    const out = pending.map(({ id, suggestion, summary, backtest }) => ({
      id,
      ...suggestion,
      summary,
      backtest,
    }));
    process.stdout.write(`${JSON.stringify({ suggestions: out, basis }, null, 2)}\n`);
    return;
  }
  if (pending.length === 0) {
    process.stdout.write(
      `No suggestions: ${basis.outcomes} outcome(s) on record, and no trait or rule stands out with at least ${basis.minSupport} of them behind it. ` +
        "Report outcomes (or import your CRM history with lead-triage outcomes import) and try again.\n",
    );
    return;
  }
  process.stdout.write(
    `${pending.length} suggestion(s) for rule set v${basis.ruleSetVersion}, from ${basis.outcomes} outcome(s):\n`,
  );
  for (const s of pending) {
    process.stdout.write(`• ${shortId(s.id)}  ${s.summary}\n`);
    process.stdout.write(`  Backtest: ${s.backtestLine}\n`);
  }
  process.stdout.write(
    "Approve one with lead-triage suggestions approve ID, or dismiss it with a --reason.\n",
  );
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
  const [result] = await withServices(({ backtests }) => backtests.run(options.workspace, [candidate], days));
  if (result === undefined) return;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ days, ...result }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${file}: ${describeBacktest(result, days)}\n`);
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerRefineCommand(program: Command): void {
  program
    .command("refine")
    .description(
      "suggest rule changes from recorded outcomes, with the evidence (kept as open suggestions; the rules change only when one is approved)",
    )
    .option("--min-support <n>", "outcomes needed behind a trait or rule before it is tested", "8")
    .option(...WORKSPACE_OPTION)
    .option("--json", "print the machine-readable suggestions")
    .action(refineCommand);
}
