import { describeSuggestion } from "../domain/refine/describe.js";
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
    return new RefinementService(runtime.store, ruleBook, reasons).suggest(options.workspace, { minSupport });
  });
  const { suggestions, basis, reasonLabel } = refinement;
  if (options.json) {
    const out = suggestions.map((s) => ({ ...s, summary: describeSuggestion(s, reasonLabel) }));
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
  for (const s of suggestions) process.stdout.write(`• ${describeSuggestion(s, reasonLabel)}\n`);
}
