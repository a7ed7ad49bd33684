import { loadConfig } from "../config.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { createLogger } from "../logger.js";
import { OutcomeService } from "../services/outcomes.js";
import { ReasonService } from "../services/reasons.js";
import { runRetention } from "../services/retention.js";
import { RuleBook } from "../services/ruleBook.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { openRuntime, type Runtime } from "../services/runtime.js";
import { CLI_WORKSPACE, createTriageServices } from "../services/triageLead.js";

/** Opens the database for one CLI run. Without a running app nothing else purges expired lead text, so
 * every CLI run does (one indexed UPDATE). */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig().storage, "lead-triage CLI");
  try {
    await runtime.store.workspaces.settings(CLI_WORKSPACE, "Command line");
    await runRetention(runtime.store);
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Triage services for one CLI run: the same use case and writer as the Slack app, with batches sized for
 * files; checks that cannot be kept are counted for the summary. */
export function cliTriage(runtime: Runtime, defaultPack: RuleSet, onLost: () => void, maxBatch: number) {
  return createTriageServices(runtime, defaultPack, createLogger("silent"), {
    maxBatch,
    maxDelayMs: 20,
    retryForMs: 10_000,
    onLost,
  });
}

/** The outcome services for one CLI run, with the rules the workspace uses (the default pack until it has
 * its own). */
export async function cliOutcomes(
  runtime: Runtime,
): Promise<{ outcomes: OutcomeService; reasons: ReasonService }> {
  const reasons = new ReasonService(runtime.store);
  const ruleBook = new RuleBook(runtime.store.ruleSets, await loadRuleFile());
  return { outcomes: new OutcomeService(runtime.store, ruleBook, reasons), reasons };
}
