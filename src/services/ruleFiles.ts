import { readFile } from "node:fs/promises";
import { parseRuleSet, RuleSetError } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { installPaths } from "../installPaths.js";

/** The shipped default persona pack (personas/default.yml at the package root). */
export const DEFAULT_RULES_PATH = installPaths.defaultPack;

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
