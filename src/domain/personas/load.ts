import { isSafe } from "redos-detector";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { type Condition, NUMERIC_FIELDS, type RuleSet, ruleSetSchema } from "./schema.js";

/** A rule file that cannot be used; `problems` name the file, persona, rule and field at fault. */
export class RuleSetError extends UserError {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName}: invalid rule set\n${problems.map((p) => `  - ${p}`).join("\n")}`, "invalid_rule_set");
  }
}

type PathKey = PropertyKey;

function childOf(node: unknown, key: PathKey): unknown {
  return node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
}

/** Turns a zod path into words a rule author recognises: persona "x" › rule "y" › when.any[0].op */
export function describePath(raw: unknown, path: readonly PathKey[]): string {
  const labels: string[] = [];
  let tail = "";
  let node = raw;
  path.forEach((key, i) => {
    const next = childOf(node, key);
    const parent = path[i - 1];
    const isList = key === "personas" || key === "rules";
    if (typeof key === "number" && (parent === "personas" || parent === "rules")) {
      const id = childOf(next, "id");
      const label = parent === "personas" ? "persona" : "rule";
      labels.push(typeof id === "string" ? `${label} "${id}"` : `${label} #${key + 1}`);
      tail = "";
    } else if (typeof key === "number") {
      tail += `[${key}]`;
    } else if (!isList || i === path.length - 1) {
      tail = tail ? `${tail}.${String(key)}` : String(key);
    }
    node = next;
  });
  if (tail) labels.push(tail);
  return labels.join(" › ") || "(top level)";
}

type Issue = z.core.$ZodIssue;

/** A condition that fits no branch of the union: report the branch the author most likely meant (the one
 * that got furthest), not zod's generic "Invalid input". */
function specificIssues(
  issue: Issue,
  prefix: PropertyKey[] = [],
): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [{ path, message: issue.message }];
  const score = (branch: Issue[]) =>
    (branch.some((i) => i.code === "unrecognized_keys" || (i.code === "invalid_type" && i.path.length === 0))
      ? 0
      : 1000) + Math.max(0, ...branch.map((i) => i.path.length));
  const best = [...issue.errors].sort((a, b) => score(b) - score(a))[0] ?? [];
  return best.flatMap((i) => specificIssues(i, path));
}

function zodProblems(raw: unknown, error: z.ZodError): string[] {
  return error.issues
    .flatMap((issue) => specificIssues(issue))
    .map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`);
}

/** Checks the schema cannot: operators that need numeric fields, regexes that compile and cannot
 * backtrack catastrophically. */
function semanticProblems(ruleSet: RuleSet): string[] {
  const problems: string[] = [];
  for (const persona of ruleSet.personas) {
    for (const rule of persona.rules) {
      const where = `persona "${persona.id}" › rule "${rule.id}"`;
      const visit = (cond: Condition, path: string): void => {
        if ("all" in cond) {
          cond.all.forEach((c, i) => {
            visit(c, `${path}.all[${i}]`);
          });
          return;
        }
        if ("any" in cond) {
          cond.any.forEach((c, i) => {
            visit(c, `${path}.any[${i}]`);
          });
          return;
        }
        if ("not" in cond) {
          visit(cond.not, `${path}.not`);
          return;
        }
        const numericOp = ["gt", "gte", "lt", "lte", "between"].includes(cond.op);
        if (numericOp && !NUMERIC_FIELDS.has(cond.field)) {
          problems.push(
            `${where} › ${path}.field: "${cond.op}" compares numbers; use it on ${[...NUMERIC_FIELDS].join(", ")}`,
          );
        }
        if (cond.op === "matches") {
          let regex: RegExp;
          try {
            regex = new RegExp(cond.value, cond.flags ?? "i");
          } catch (e) {
            problems.push(
              `${where} › ${path}.value: not a valid regular expression (${(e as Error).message})`,
            );
            return;
          }
          const verdict = regexSafety(regex);
          if (verdict !== "safe") {
            problems.push(
              verdict === "unsafe"
                ? `${where} › ${path}.value: regular expression /${cond.value}/ can backtrack catastrophically ` +
                    `(ReDoS); rewrite it without nested or overlapping repetition`
                : `${where} › ${path}.value: regular expression /${cond.value}/ is too complex to check for ` +
                    `catastrophic backtracking; simplify it (e.g. fewer nested groups or repetitions)`,
            );
          }
        }
      };
      visit(rule.when, "when");
    }
  }
  return problems;
}

/** Time and work the backtracking analysis may spend on one pattern: a hard pattern costs a few hundred
 * milliseconds and tens of megabytes, never seconds or gigabytes. */
const REDOS_LIMITS = { timeout: 250, maxSteps: 20_000 } as const;

/** Checks a rule's pattern for catastrophic (exponential or high-polynomial) backtracking from any one start
 * position. The pattern is analysed anchored: the engine's retry at each start position is at most linear in
 * the text, and lead text is capped (MAX_LEAD_CHARS), so `\d+ employees` is accepted while `(a+)+` is not.
 * A pattern too complex to analyse within the limits is refused rather than trusted. */
export function regexSafety(regex: RegExp): "safe" | "unsafe" | "too_complex" {
  let anchored: RegExp;
  try {
    anchored = new RegExp(`^(?:${regex.source})`, regex.flags);
  } catch {
    anchored = regex;
  }
  const result = isSafe(anchored, REDOS_LIMITS);
  if (result.safe) return "safe";
  return result.error === "timedOut" || result.error === "hitMaxSteps" ? "too_complex" : "unsafe";
}

/** Validates a rule set given as a plain object (from JSON, YAML or the database). */
export function validateRuleSet(raw: unknown, fileName: string): RuleSet {
  const parsed = ruleSetSchema.safeParse(raw);
  if (!parsed.success) throw new RuleSetError(fileName, zodProblems(raw, parsed.error));
  const problems = semanticProblems(parsed.data);
  if (problems.length > 0) throw new RuleSetError(fileName, problems);
  return parsed.data;
}

/** Parses a rule file's text: JSON when the name ends in .json, YAML otherwise (YAML is a superset). */
export function parseRuleSet(text: string, fileName: string): RuleSet {
  let raw: unknown;
  const isJson = fileName.toLowerCase().endsWith(".json");
  try {
    // The yaml library refuses alias bombs ("billion laughs") by counting alias expansions.
    raw = isJson ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const first = (e as Error).message.split("\n")[0] ?? "";
    const detail = isJson
      ? `not valid JSON (${first})`
      : e instanceof YAMLParseError
        ? first
        : `not valid YAML (${first})`;
    throw new RuleSetError(fileName, [detail]);
  }
  if (raw === null || raw === undefined) throw new RuleSetError(fileName, ["the file is empty"]);
  return validateRuleSet(raw, fileName);
}
