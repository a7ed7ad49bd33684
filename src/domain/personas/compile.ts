import type { FactName, ParsedLead } from "../lead/facts.js";
import { findPhrase, foldPhrase } from "../text.js";
import { EvalContext, FIELD_INDEX } from "./context.js";
import type { Condition, LeafCondition, Persona, Rule, RuleField, RuleSet } from "./schema.js";
import type { Decision, Evidence, RuleMatch, Verdict } from "./verdict.js";

/** Three-valued logic: a condition on a fact the lead did not reveal is UNKNOWN, never true or false. */
const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
type Tri = 0 | 1 | 2;

interface Node {
  test(ctx: EvalContext): Tri;
  /** Re-evaluates and pushes the evidence of true leaves; runs only for matched rules. */
  explain(ctx: EvalContext, out: Evidence[]): Tri;
  /** Index keys: the rule can only be true if the lead has one of these folded words in this field. */
  keys: { field: RuleField; words: string[] } | undefined;
  /** Fields whose absence makes this condition unknown. */
  needs: RuleField[];
}

/** Facts that count as "known" when deciding whether a lead can be judged at all. */
const JUDGING_FACTS: readonly FactName[] = [
  "title",
  "company",
  "domainKind",
  "industry",
  "employees",
  "country",
  "budget",
  "revenue",
  "website",
];

/** Derived facts are asked for through the fact they come from: ask for the email, not its "domain kind". */
const ASK_FOR: Partial<Record<FactName, FactName>> = {
  emailDomain: "email",
  domainKind: "email",
  seniority: "title",
  department: "title",
};

function firstWord(phrase: string): string {
  const space = phrase.indexOf(" ");
  return space === -1 ? phrase : phrase.slice(0, space);
}

function factEvidence(ctx: EvalContext, field: RuleField, out: Evidence[]): void {
  const fact = ctx.fact(field);
  if (fact === undefined) return;
  out.push({ field, text: ctx.lead.text.slice(fact.span.start, fact.span.end), span: fact.span });
}

/** Evidence for a phrase found at `offset` in the folded value of `field`. */
function phraseEvidence(
  ctx: EvalContext,
  field: RuleField,
  offset: number,
  length: number,
  out: Evidence[],
): void {
  if (field === "text") {
    out.push({
      field,
      text: ctx.lead.text.slice(offset, offset + length),
      span: { start: offset, end: offset + length },
    });
    return;
  }
  const fact = ctx.fact(field);
  if (fact === undefined) return;
  const spanText = ctx.lead.text.slice(fact.span.start, fact.span.end);
  const value = ctx.string(FIELD_INDEX[field], field);
  // Values that are the lead's own words point into the text precisely; derived values quote the whole fact.
  if (value !== undefined && spanText === value) {
    const start = fact.span.start + offset;
    out.push({
      field,
      text: ctx.lead.text.slice(start, start + length),
      span: { start, end: start + length },
    });
  } else {
    out.push({ field, text: spanText, span: fact.span });
  }
}

function compileLeaf(cond: LeafCondition): Node {
  const field = cond.field;
  const fi = FIELD_INDEX[field];
  const needs = cond.op === "missing" || cond.op === "present" ? [] : [field];

  const numericLeaf = (holds: (min: number, max: number) => boolean): Node => ({
    keys: undefined,
    needs,
    test(ctx) {
      const range = ctx.numeric(field);
      if (range === undefined) return UNKNOWN;
      return holds(range.min, range.max) ? TRUE : FALSE;
    },
    explain(ctx, out) {
      const result = this.test(ctx);
      if (result === TRUE) factEvidence(ctx, field, out);
      return result;
    },
  });

  switch (cond.op) {
    case "eq":
    case "in": {
      const values = cond.op === "eq" ? [cond.value] : cond.value;
      const numbers = new Set(values.filter((v): v is number => typeof v === "number"));
      const words = [...new Set(values.map((v) => foldPhrase(String(v))))];
      const wordSet = new Set(words);
      const node: Node = {
        keys: numbers.size === 0 ? { field, words } : undefined,
        needs,
        test(ctx) {
          if (numbers.size > 0) {
            const range = ctx.numeric(field);
            if (range !== undefined && range.min === range.max && numbers.has(range.min)) return TRUE;
          }
          const folded = ctx.foldedString(fi, field);
          if (folded === undefined) return UNKNOWN;
          return wordSet.has(folded.trim().replace(/ +/g, " ")) ? TRUE : FALSE;
        },
        explain(ctx, out) {
          const result = node.test(ctx);
          if (result === TRUE) factEvidence(ctx, field, out);
          return result;
        },
      };
      return node;
    }
    case "contains_any": {
      const phrases = [...new Set(cond.value.map(foldPhrase).filter((p) => p.length > 0))];
      const phraseWords = phrases.map((p) => p.split(" "));
      const node: Node = {
        keys: { field, words: [...new Set(phrases.map(firstWord))] },
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
      return node;
    }
    case "matches": {
      const regex = new RegExp(cond.value, cond.flags ?? "i");
      const node: Node = {
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
      return node;
    }
    case "gt":
      return numericLeaf((min) => min > cond.value);
    case "gte":
      return numericLeaf((min) => min >= cond.value);
    case "lt":
      return numericLeaf((_, max) => max < cond.value);
    case "lte":
      return numericLeaf((_, max) => max <= cond.value);
    case "between": {
      const [low, high] = cond.value;
      return numericLeaf((min, max) => min >= low && max <= high);
    }
    case "present":
    case "missing": {
      const wantPresent = cond.op === "present";
      const node: Node = {
        keys: undefined,
        needs,
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
    }
  }
}

function compileAll(children: Node[]): Node {
  // Index by the most selective child: any child with keys must hold for the whole to hold.
  const keyed = children.filter((c) => c.keys !== undefined);
  keyed.sort((a, b) => (a.keys?.words.length ?? 0) - (b.keys?.words.length ?? 0));
  return {
    keys: keyed[0]?.keys,
    needs: children.flatMap((c) => c.needs),
    test(ctx) {
      let result: Tri = TRUE;
      for (const child of children) {
        const r = child.test(ctx);
        if (r === FALSE) return FALSE;
        if (r === UNKNOWN) result = UNKNOWN;
      }
      return result;
    },
    explain(ctx, out) {
      const mark = out.length;
      let result: Tri = TRUE;
      for (const child of children) {
        const r = child.explain(ctx, out);
        if (r === FALSE) result = FALSE;
        else if (r === UNKNOWN && result === TRUE) result = UNKNOWN;
      }
      if (result !== TRUE) out.length = mark;
      return result;
    },
  };
}

function compileAny(children: Node[]): Node {
  // Indexable only when every branch is: otherwise an unkeyed branch could match any lead.
  const allKeyed = children.every((c) => c.keys !== undefined && c.keys.field === children[0]?.keys?.field);
  return {
    keys:
      allKeyed && children[0]?.keys
        ? { field: children[0].keys.field, words: [...new Set(children.flatMap((c) => c.keys?.words ?? []))] }
        : undefined,
    needs: children.flatMap((c) => c.needs),
    test(ctx) {
      let result: Tri = FALSE;
      for (const child of children) {
        const r = child.test(ctx);
        if (r === TRUE) return TRUE;
        if (r === UNKNOWN) result = UNKNOWN;
      }
      return result;
    },
    explain(ctx, out) {
      let result: Tri = FALSE;
      for (const child of children) {
        const mark = out.length;
        const r = child.explain(ctx, out);
        if (r === TRUE) result = TRUE;
        else {
          out.length = mark;
          if (r === UNKNOWN && result === FALSE) result = UNKNOWN;
        }
      }
      return result;
    },
  };
}

function compileNot(child: Node): Node {
  const invert = (r: Tri): Tri => (r === UNKNOWN ? UNKNOWN : r === TRUE ? FALSE : TRUE);
  return {
    keys: undefined,
    needs: child.needs,
    test: (ctx) => invert(child.test(ctx)),
    explain(ctx, out) {
      const mark = out.length;
      const r = invert(child.explain(ctx, out));
      out.length = mark; // the absence of words cannot be quoted
      return r;
    },
  };
}

export function compileCondition(cond: Condition): Node {
  if ("all" in cond) return compileAll(cond.all.map(compileCondition));
  if ("any" in cond) return compileAny(cond.any.map(compileCondition));
  if ("not" in cond) return compileNot(compileCondition(cond.not));
  return compileLeaf(cond);
}

interface CompiledRule {
  index: number;
  persona: Persona;
  rule: Rule;
  node: Node;
  /** Factor this rule multiplies the "no red flag" probability by when it matches. */
  keep: number;
  needs: FactName[];
}

function renderReason(template: string, evidence: Evidence[]): string {
  const quoted = [...new Set(evidence.map((e) => e.text.trim()).filter((t) => t.length > 0))]
    .map((t) => `"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`)
    .join(", ");
  return template.replace(/\{evidence\}/g, quoted.length > 0 ? quoted : "the lead's details");
}

/** A rule set compiled for fast, repeated evaluation. Compile once per rule-set version, evaluate many leads.
 *
 * Rules whose condition requires a word in a field (eq/in values, contains_any phrases) are indexed by that
 * word, so a lead only evaluates the rules that its own words can trigger; the rest are false without
 * being looked at. Rules whose indexed field the lead lacks are still evaluated, to report what to ask. */
export class CompiledRuleSet {
  readonly version: number;
  private readonly rules: CompiledRule[];
  /** Rules that cannot be indexed and are evaluated for every lead. */
  private readonly unindexed: Int32Array;
  /** field -> folded word -> rule indexes. */
  private readonly index = new Map<RuleField, Map<string, number[]>>();
  /** field -> rules indexed on it (evaluated when the lead lacks the field, for gap reporting). */
  private readonly byField = new Map<RuleField, number[]>();
  private readonly indexedFields: { field: RuleField; fi: number; words: Map<string, number[]> }[] = [];
  private readonly ctx = new EvalContext();
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly candidates: Int32Array;

  constructor(private readonly ruleSet: RuleSet) {
    this.version = ruleSet.version;
    this.rules = ruleSet.personas.flatMap((persona) =>
      persona.rules.map((rule) => {
        const node = compileCondition(rule.when);
        const weight = rule.exclude ? 100 : (rule.weight ?? 0);
        return {
          index: 0,
          persona,
          rule,
          node,
          keep: 1 - weight / 100,
          needs: [...new Set(node.needs.filter((f): f is FactName => f !== "text"))],
        };
      }),
    );
    const unindexed: number[] = [];
    this.rules.forEach((compiled, i) => {
      compiled.index = i;
      const keys = compiled.node.keys;
      if (keys === undefined) {
        unindexed.push(i);
        return;
      }
      let words = this.index.get(keys.field);
      if (words === undefined) {
        words = new Map();
        this.index.set(keys.field, words);
        this.indexedFields.push({ field: keys.field, fi: FIELD_INDEX[keys.field], words });
      }
      for (const word of keys.words) {
        const list = words.get(word);
        if (list === undefined) words.set(word, [i]);
        else if (!list.includes(i)) list.push(i);
      }
      const fieldRules = this.byField.get(keys.field) ?? [];
      fieldRules.push(i);
      this.byField.set(keys.field, fieldRules);
    });
    this.unindexed = Int32Array.from(unindexed);
    this.stamp = new Uint32Array(this.rules.length);
    this.candidates = new Int32Array(this.rules.length);
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  evaluate(lead: ParsedLead): Verdict {
    const ctx = this.ctx;
    ctx.reset(lead);
    const gen = ++this.generation;
    const stamp = this.stamp;
    const candidates = this.candidates;
    let count = 0;

    for (let k = 0; k < this.unindexed.length; k++) {
      const i = this.unindexed[k] as number;
      stamp[i] = gen;
      candidates[count++] = i;
    }
    for (const { field, fi, words } of this.indexedFields) {
      const folded = ctx.foldedString(fi, field);
      if (folded === undefined) {
        for (const i of this.byField.get(field) ?? []) {
          if (stamp[i] !== gen) {
            stamp[i] = gen;
            candidates[count++] = i;
          }
        }
        continue;
      }
      // Whole value (for eq/in on multi-word values) and each word (for contains_any).
      const whole = words.get(folded.trim().replace(/ +/g, " "));
      if (whole !== undefined) {
        for (const i of whole) {
          if (stamp[i] !== gen) {
            stamp[i] = gen;
            candidates[count++] = i;
          }
        }
      }
      let start = 0;
      const length = folded.length;
      while (start < length) {
        while (start < length && folded.charCodeAt(start) === 32) start++;
        if (start >= length) break;
        let end = folded.indexOf(" ", start);
        if (end === -1) end = length;
        const hits = words.get(folded.slice(start, end));
        if (hits !== undefined) {
          for (const i of hits) {
            if (stamp[i] !== gen) {
              stamp[i] = gen;
              candidates[count++] = i;
            }
          }
        }
        start = end + 1;
      }
    }

    // Evaluate candidates in rule order so explanations are stable.
    const order = candidates.subarray(0, count).sort();
    let keep = 1;
    let excluded = false;
    let matches: RuleMatch[] | undefined;
    let fits: RuleMatch[] | undefined;
    let gaps: Map<FactName, number> | undefined;
    for (let k = 0; k < order.length; k++) {
      const compiled = this.rules[order[k] as number] as CompiledRule;
      const result = compiled.node.test(ctx);
      if (result === TRUE) {
        const match = this.describe(compiled, ctx);
        if (compiled.persona.kind === "anti") {
          keep *= compiled.keep;
          if (compiled.rule.exclude) excluded = true;
          matches ??= [];
          matches.push(match);
        } else {
          fits ??= [];
          fits.push(match);
        }
      } else if (result === UNKNOWN) {
        const weight = compiled.rule.exclude ? 100 : (compiled.rule.weight ?? 0);
        for (const field of compiled.needs) {
          if (ctx.fact(field) === undefined) {
            const ask = ASK_FOR[field] ?? field;
            gaps ??= new Map();
            gaps.set(ask, (gaps.get(ask) ?? 0) + weight);
          }
        }
      }
    }

    const risk = excluded ? 100 : Math.round((1 - keep) * 100);
    let knownFacts = 0;
    for (const name of JUDGING_FACTS) if (lead.facts[name] !== undefined) knownFacts++;
    const { review, reject } = this.ruleSet.thresholds;
    let decision: Decision;
    if (excluded || risk >= reject) decision = "reject";
    else if (risk >= review) decision = "review";
    else if (knownFacts < this.ruleSet.minKnownFacts) decision = "needs_info";
    else decision = "pass";

    const byStrength = (a: RuleMatch, b: RuleMatch) =>
      Number(b.exclude) - Number(a.exclude) || (b.weight ?? 0) - (a.weight ?? 0);
    return {
      decision,
      risk,
      matches: matches?.sort(byStrength) ?? [],
      fits: fits?.sort(byStrength) ?? [],
      missing: gaps ? [...gaps.entries()].sort((a, b) => b[1] - a[1]).map(([field]) => field) : [],
      knownFacts,
      ruleSetVersion: this.version,
    };
  }

  private describe(compiled: CompiledRule, ctx: EvalContext): RuleMatch {
    const evidence: Evidence[] = [];
    compiled.node.explain(ctx, evidence);
    return {
      persona: compiled.persona.id,
      personaName: compiled.persona.name,
      rule: compiled.rule.id,
      kind: compiled.persona.kind,
      ...(compiled.rule.weight !== undefined ? { weight: compiled.rule.weight } : {}),
      exclude: compiled.rule.exclude === true,
      reason: renderReason(compiled.rule.reason, evidence),
      evidence,
    };
  }
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  return new CompiledRuleSet(ruleSet);
}

/** Exposed for tests: evaluate one condition against one lead. */
export function testCondition(cond: Condition, lead: ParsedLead): "true" | "false" | "unknown" {
  const ctx = new EvalContext();
  ctx.reset(lead);
  const r = compileCondition(cond).test(ctx);
  return r === TRUE ? "true" : r === FALSE ? "false" : "unknown";
}
