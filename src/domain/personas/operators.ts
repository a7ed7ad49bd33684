import { findPhrase, foldPhrase } from "../text.js";
import { FIELD_INDEX } from "./context.js";
import { factEvidence, phraseEvidence } from "./evidence.js";
import type { Node } from "./node.js";
import type { LeafCondition, Operator, RuleField } from "./schema.js";
import { FALSE, TRUE, type Tri, UNKNOWN } from "./tri.js";

/** One compiler per operator of the rule DSL: a leaf condition becomes a Node that tests a lead and quotes
 * the words that made it true. A new operator is a schema entry (schema.ts) plus an entry here. */
type OperatorCompiler<Op extends Operator> = (
  cond: Extract<LeafCondition, { op: Op }>,
  at: { field: RuleField; fi: number; needs: RuleField[] },
) => Node;

function firstWord(phrase: string): string {
  const space = phrase.indexOf(" ");
  return space === -1 ? phrase : phrase.slice(0, space);
}

/** Numeric comparisons read the fact as a range, so "50-200 employees" satisfies a bound only when the
 * whole range does. */
function numeric(holds: (min: number, max: number) => boolean, at: { field: RuleField; needs: RuleField[] }) {
  const node: Node = {
    keys: undefined,
    needs: at.needs,
    test(ctx) {
      const range = ctx.numeric(at.field);
      if (range === undefined) return UNKNOWN;
      return holds(range.min, range.max) ? TRUE : FALSE;
    },
    explain(ctx, out) {
      const result = node.test(ctx);
      if (result === TRUE) factEvidence(ctx, at.field, out);
      return result;
    },
  };
  return node;
}

/** Equality on the folded whole value (or a number); indexable by the value itself. */
const equality: OperatorCompiler<"eq" | "in"> = (cond, { field, fi, needs }) => {
  const values = cond.op === "eq" ? [cond.value] : cond.value;
  const numbers = new Set(values.filter((v): v is number => typeof v === "number"));
  const words = [...new Set(values.map((v) => foldPhrase(String(v))))];
  const wordSet = new Set(words);
  const node: Node = {
    keys: numbers.size === 0 ? { field, whole: words, words: [] } : undefined,
    needs,
    test(ctx) {
      if (numbers.size > 0) {
        const range = ctx.numeric(field);
        if (range !== undefined && range.min === range.max && numbers.has(range.min)) return TRUE;
      }
      const phrase = ctx.phrase(fi, field);
      if (phrase === undefined) return UNKNOWN;
      return wordSet.has(phrase) ? TRUE : FALSE;
    },
    explain(ctx, out) {
      const result = node.test(ctx);
      if (result === TRUE) factEvidence(ctx, field, out);
      return result;
    },
  };
  return node;
};

/** Whole words or phrases, case and accents ignored; indexable by each phrase's first word. */
const containsAny: OperatorCompiler<"contains_any"> = (cond, { field, fi, needs }) => {
  const phrases = [...new Set(cond.value.map(foldPhrase).filter((p) => p.length > 0))];
  const phraseWords = phrases.map((p) => p.split(" "));
  return {
    keys: { field, whole: [], words: [...new Set(phrases.map(firstWord))] },
    needs,
    test(ctx) {
      const folded = ctx.foldedString(fi, field);
      if (folded === undefined) return UNKNOWN;
      for (const words of phraseWords) if (findPhrase(folded, words) !== undefined) return TRUE;
      return FALSE;
    },
    explain(ctx, out) {
      const folded = ctx.foldedString(fi, field);
      if (folded === undefined) return UNKNOWN;
      let found: Tri = FALSE;
      for (const words of phraseWords) {
        const at = findPhrase(folded, words);
        if (at !== undefined) {
          phraseEvidence(ctx, field, at[0], at[1] - at[0], out);
          found = TRUE;
        }
      }
      return found;
    },
  };
};

/** A regular expression (checked for catastrophic backtracking when the rule set is loaded). */
const matches: OperatorCompiler<"matches"> = (cond, { field, fi, needs }) => {
  const regex = new RegExp(cond.value, cond.flags ?? "i");
  return {
    keys: undefined,
    needs,
    test(ctx) {
      const value = ctx.string(fi, field);
      if (value === undefined) return UNKNOWN;
      return regex.test(value) ? TRUE : FALSE;
    },
    explain(ctx, out) {
      const value = ctx.string(fi, field);
      if (value === undefined) return UNKNOWN;
      const match = regex.exec(value);
      if (match === null) return FALSE;
      phraseEvidence(ctx, field, match.index, match[0].length, out);
      return TRUE;
    },
  };
};

/** Presence tests are never unknown: absence is exactly what they ask about. */
const presence: OperatorCompiler<"present" | "missing"> = (cond, { field, fi }) => {
  const wantPresent = cond.op === "present";
  const node: Node = {
    keys: undefined,
    needs: [],
    test(ctx) {
      return ctx.has(fi, field) === wantPresent ? TRUE : FALSE;
    },
    explain(ctx, out) {
      const result = node.test(ctx);
      if (result === TRUE && wantPresent) factEvidence(ctx, field, out);
      return result;
    },
  };
  return node;
};

export const OPERATORS: { [Op in Operator]: OperatorCompiler<Op> } = {
  eq: (cond, at) => equality(cond, at),
  in: (cond, at) => equality(cond, at),
  contains_any: containsAny,
  matches,
  gt: (cond, at) => numeric((min) => min > cond.value, at),
  gte: (cond, at) => numeric((min) => min >= cond.value, at),
  lt: (cond, at) => numeric((_, max) => max < cond.value, at),
  lte: (cond, at) => numeric((_, max) => max <= cond.value, at),
  between: (cond, at) => numeric((min, max) => min >= cond.value[0] && max <= cond.value[1], at),
  present: (cond, at) => presence(cond, at),
  missing: (cond, at) => presence(cond, at),
};

/** Compiles a leaf condition with its operator's compiler. */
export function compileLeaf(cond: LeafCondition): Node {
  const field = cond.field;
  const compile = OPERATORS[cond.op] as OperatorCompiler<Operator>;
  return compile(cond as never, { field, fi: FIELD_INDEX[field], needs: [field] });
}
