import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config.js";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { createLogger } from "../logger.js";
import { OutcomeService } from "../services/outcomes.js";
import { ReasonService } from "../services/reasons.js";
import { runRetention } from "../services/retention.js";
import { RuleBook } from "../services/ruleBook.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { openRuntime, type Runtime } from "../services/runtime.js";
import { CLI_WORKSPACE, createTriageServices } from "../services/triageLead.js";
import { cachedRules, rememberRulesInForce } from "./rulesInForce.js";

/** Opens the database for one CLI run. Without a running app nothing else purges expired lead text, so
 * every CLI run does (one indexed UPDATE). */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const storage = loadConfig().storage;
  const runtime = await openRuntime(storage, "lead-triage CLI");
  try {
    await runtime.store.workspaces.settings(CLI_WORKSPACE, "Command line");
    await runRetention(runtime.store);
    const result = await work(runtime);
    if (!storage.databaseUrl) await rememberRulesInForce(runtime, storage.dataDir);
    return result;
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

/** The rules `check --no-save` decides with: the same as a kept check's (the command line's rules in force), so a
 * verdict never depends on whether it is kept. The embedded database is started only when no run has left its
 * rules beside it; a database that was never made has only the default pack. */
export async function unsavedRules(defaultPack: RuleSet): Promise<CompiledRuleSet> {
  const storage = loadConfig().storage;
  if (!storage.databaseUrl) {
    const cached = cachedRules(storage.dataDir);
    if (cached) return cached;
    if (!existsSync(join(storage.dataDir, "pgdata"))) return compileRuleSet(defaultPack);
  }
  return withRuntime((runtime) =>
    new RuleBook(runtime.store.ruleSets, defaultPack).rulesFor(CLI_WORKSPACE, null),
  );
}
