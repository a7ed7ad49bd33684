import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRuleSet, RuleSetError } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";

/** The shipped default persona pack (personas/default.yml at the package root: src/services and
 * dist/services are both two levels down; builds placed elsewhere fall back to the working directory). */
export const DEFAULT_RULES_PATH =
  [
    fileURLToPath(new URL("../../personas/default.yml", import.meta.url)),
    join(process.cwd(), "personas", "default.yml"),
  ].find((path) => existsSync(path)) ?? fileURLToPath(new URL("../../personas/default.yml", import.meta.url));

/** Reads and validates a YAML or JSON rule file. Every failure is a RuleSetError naming the file. */
export async function loadRuleFile(path: string = DEFAULT_RULES_PATH): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : `cannot read (${code})`;
    throw new RuleSetError(path, [why]);
  }
  return parseRuleSet(text, path);
}
