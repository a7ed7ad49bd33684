import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { CommandLineServices } from "../services/commandLine.js";
import { CLI_WORKSPACE } from "../services/triageLead.js";

/** Beside the embedded database: the command line's rules in force, as the last run that opened it found them. */
const CACHE_FILE = "rules-in-force.json";

/** Keeps the command line's rules in force beside the embedded database, so `check --no-save` decides with them
 * without starting the database. Every CLI run that opens it calls this; only CLI runs change these rules (the
 * app's workspaces have their own), and only one process opens the embedded database at a time. */
export async function rememberRulesInForce(
  services: Pick<CommandLineServices, "publishedRules">,
  dataDir: string,
): Promise<void> {
  const stored = await services.publishedRules(CLI_WORKSPACE);
  const path = join(dataDir, CACHE_FILE);
  if (stored === undefined) rmSync(path, { force: true });
  else writeFileSync(path, JSON.stringify({ version: stored.version, document: stored.document }));
}

export function cachedRules(dataDir: string): CompiledRuleSet | undefined {
  try {
    const cached = JSON.parse(readFileSync(join(dataDir, CACHE_FILE), "utf8")) as {
      version: number;
      document: unknown;
    };
    return compileRuleSet(validateRuleSet(cached.document, `rule set v${cached.version}`));
  } catch {
    return undefined; // none kept (or unreadable): the database says
  }
}
