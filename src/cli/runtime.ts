import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config.js";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import {
  type CheckBatching,
  type CommandLineServices,
  createCommandLineServices,
} from "../services/commandLine.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { openRuntime } from "../services/runtime.js";
import { CLI_WORKSPACE } from "../services/triageLead.js";
import { cachedRules, rememberRulesInForce } from "./rulesInForce.js";

export interface RunOptions {
  /** How checks are written: one at a time (default) or a file's rows in batches. */
  batching?: CheckBatching;
  /** With the optional LLM, when one is configured (summaries, digest themes, reading CRM reasons). */
  llm?: boolean;
}

/** Opens the database for one CLI run and hands the command its services; whatever the command left pending is
 * written before the database closes. Without a running app nothing else purges expired lead text, so every
 * CLI run does (one indexed UPDATE). */
export async function withServices<T>(
  work: (services: CommandLineServices) => Promise<T>,
  options: RunOptions = {},
): Promise<T> {
  const config = loadConfig();
  const { storage } = config;
  // The default pack is read only if a workspace adopts it here (its first check, or the first look at its rules).
  const defaultPack = () => loadRuleFile();
  const runtime = await openRuntime(storage, "lead-triage CLI");
  const services = createCommandLineServices(runtime, {
    defaultPack,
    ...(options.batching ? { batching: options.batching } : {}),
    ...(options.llm ? { llm: config.llm } : {}),
  });
  try {
    await services.ensureWorkspace(CLI_WORKSPACE, "Command line");
    await services.jobs.retention();
    const result = await work(services);
    if (!storage.databaseUrl) await rememberRulesInForce(services, storage.dataDir);
    return result;
  } finally {
    try {
      await services.triage.close(10_000);
    } finally {
      await runtime.close();
    }
  }
}

/** The rules `check --no-save` decides with: the same as a kept check's (the command line's rules in force), so a
 * verdict never depends on whether it is kept. The embedded database is started only when no run has left its
 * rules beside it; a database that was never made has only the default pack. */
export async function unsavedRules(): Promise<CompiledRuleSet> {
  const storage = loadConfig().storage;
  if (!storage.databaseUrl) {
    const cached = cachedRules(storage.dataDir);
    if (cached) return cached;
    if (!existsSync(join(storage.dataDir, "pgdata"))) return compileRuleSet(await loadRuleFile());
  }
  return withServices((services) => services.triage.ruleBook.rulesFor(CLI_WORKSPACE, null));
}

/** `--workspace <id>` as most commands take it: the Slack team, the command line's own by default. */
export const WORKSPACE_OPTION = ["--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE] as const;
