import { FACT_NAMES, type FactName, type LeadFacts, type ParsedLead } from "../lead/facts.js";
import { findPhrase, foldPhrase } from "../text.js";
import { EvalContext, FIELD_INDEX } from "./context.js";
import type { Condition, LeafCondition, Persona, Rule, RuleField, RuleSet } from "./schema.js";
import type { Decision, Evidence, RuleMatch, Verdict } from "./verdict.js";

/** Three-valued logic: a condition on a fact the lead did not reveal is UNKNOWN, never true or false. */
const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
type Tri = 0 | 1 | 2;

interface Keys {
  field: RuleField;
  whole: string[];
  words: string[];
}

const keyCount = (keys: Keys | undefined) => (keys ? keys.whole.length + keys.words.length : 0);

interface Node {
  test(ctx: EvalContext): Tri;
  /** Re-evaluates and pushes the evidence of true leaves; runs only for matched rules. */
  explain(ctx: EvalContext, out: Evidence[]): Tri;
  /** Index keys: the condition can only be true if the field's whole value is one of `whole`, or one of its
   * words is in `words`. Undefined when any lead could satisfy it. */
  keys: Keys | undefined;
  /** Fields whose absence makes this condition unknown. */
  needs: RuleField[];
}

/** How many of the facts that make a lead judgeable are known. Static property reads: lead fact objects come
 * in many shapes, and named reads stay fast where computed keys do not. */
function countJudgingFacts(f: LeadFacts): number {
  return (
    (f.title ? 1 : 0) +
    (f.company ? 1 : 0) +
    (f.domainKind ? 1 : 0) +
    (f.industry ? 1 : 0) +
    (f.employees ? 1 : 0) +
    (f.country ? 1 : 0) +
    (f.budget ? 1 : 0) +
    (f.revenue ? 1 : 0) +
    (f.website ? 1 : 0)
  );
}

/** Derived facts are asked for through the fact they come from: ask for the email, not its "domain kind". */
const ASK_FOR: Partial<Record<FactName, FactName>> = {
  emailDomain: "email",
  domainKind: "email",
  seniority: "title",
  department: "title",
};
const FACT_INDEX = new Map(FACT_NAMES.map((name, i) => [name, i]));
const askIndex = (field: FactName): number => FACT_INDEX.get(ASK_FOR[field] ?? field) as number;

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
    }
    case "contains_any": {
      const phrases = [...new Set(cond.value.map(foldPhrase).filter((p) => p.length > 0))];
      const phraseWords = phrases.map((p) => p.split(" "));
      const node: Node = {
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
  keyed.sort((a, b) => keyCount(a.keys) - keyCount(b.keys));
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
        ? {
            field: children[0].keys.field,
            whole: [...new Set(children.flatMap((c) => c.keys?.whole ?? []))],
            words: [...new Set(children.flatMap((c) => c.keys?.words ?? []))],
          }
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
  reason: (evidence: Evidence[]) => string;
}

/** The reason template split around `{evidence}`, so rendering is a join, not a search. */
function reasonRenderer(template: string): (evidence: Evidence[]) => string {
  const parts = template.split("{evidence}");
  if (parts.length === 1) return () => template;
  return (evidence) => {
    let quoted = "";
    const seen: string[] = [];
    for (const e of evidence) {
      const t = e.text.trim();
      if (t.length === 0 || seen.includes(t)) continue;
      seen.push(t);
      quoted += `${quoted.length > 0 ? ", " : ""}"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
    }
    return parts.join(quoted.length > 0 ? quoted : "the lead's details");
  };
}

/** Exclusions first, then heavier rules. The sort is stable, so equal weights keep evaluation order. */
function byStrength(a: RuleMatch, b: RuleMatch): number {
  return Number(b.exclude) - Number(a.exclude) || (b.weight ?? 0) - (a.weight ?? 0);
}

interface IndexedField {
  field: RuleField;
  fi: number;
  whole: Map<string, number[]>;
  words: Map<string, number[]>;
  /** When the lead lacks this field, none of the rules keyed on it can match: instead of evaluating them,
   * their summed weight makes the field worth asking for. */
  ask: number;
  missingWeight: number;
  /** (length, first letter) of every key in `words`: most words of a lead are no key, and this rejects them
   * before a substring is cut and hashed. */
  wordShapes: Uint8Array;
}

const shapeOf = (text: string, start: number, end: number) =>
  (Math.min(end - start, 31) << 5) | (text.charCodeAt(start) & 31);

/** Adds rules to the candidate list once each (the stamp marks rules already added for this lead). */
function addCandidates(
  rules: readonly number[],
  stamp: Uint32Array,
  gen: number,
  out: Int32Array,
  count: number,
): number {
  let n = count;
  for (let k = 0; k < rules.length; k++) {
    const i = rules[k] as number;
    if (stamp[i] !== gen) {
      stamp[i] = gen;
      out[n++] = i;
    }
  }
  return n;
}

function addToIndex(index: Map<string, number[]>, keys: readonly string[], rule: number): void {
  for (const key of keys) {
    const list = index.get(key);
    if (list === undefined) index.set(key, [rule]);
    else if (!list.includes(rule)) list.push(rule);
  }
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
  /** Per indexed field: rules keyed by the field's whole value and by single words in it, and every rule
   * keyed on the field (evaluated when the lead lacks the field, to report what to ask). */
  private readonly indexedFields: IndexedField[] = [];
  private readonly ctx = new EvalContext();
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly candidates: Int32Array;
  private readonly gaps = new Float64Array(FACT_NAMES.length);

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
          reason: reasonRenderer(rule.reason),
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
      let entry = this.indexedFields.find((f) => f.field === keys.field);
      if (entry === undefined) {
        entry = {
          field: keys.field,
          fi: FIELD_INDEX[keys.field],
          whole: new Map(),
          words: new Map(),
          ask: keys.field === "text" ? -1 : askIndex(keys.field),
          missingWeight: 0,
          wordShapes: new Uint8Array(1024),
        };
        this.indexedFields.push(entry);
      }
      addToIndex(entry.whole, keys.whole, i);
      addToIndex(entry.words, keys.words, i);
      for (const word of keys.words) entry.wordShapes[shapeOf(word, 0, word.length)] = 1;
      entry.missingWeight += compiled.rule.exclude ? 100 : (compiled.rule.weight ?? 0);
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
    const gaps = this.gaps;
    gaps.fill(0);
    const touched: number[] = [];

    for (let k = 0; k < this.unindexed.length; k++) {
      const i = this.unindexed[k] as number;
      stamp[i] = gen;
      candidates[count++] = i;
    }
    for (const entry of this.indexedFields) {
      const phrase = ctx.phrase(entry.fi, entry.field);
      if (phrase === undefined) {
        if (entry.ask >= 0) {
          if (gaps[entry.ask] === 0) touched.push(entry.ask);
          gaps[entry.ask] = (gaps[entry.ask] as number) + entry.missingWeight;
        }
        continue;
      }
      if (entry.whole.size > 0) {
        const hits = entry.whole.get(phrase);
        if (hits !== undefined) count = addCandidates(hits, stamp, gen, candidates, count);
      }
      if (entry.words.size === 0) continue;
      // Each word of the value, for contains_any phrases (indexed by their first word).
      let start = 0;
      const length = phrase.length;
      while (start < length) {
        let end = phrase.indexOf(" ", start);
        if (end === -1) end = length;
        if (entry.wordShapes[shapeOf(phrase, start, end)] === 1) {
          const hits = entry.words.get(phrase.slice(start, end));
          if (hits !== undefined) count = addCandidates(hits, stamp, gen, candidates, count);
        }
        start = end + 1;
      }
    }

    let keep = 1;
    let excluded = false;
    let matches: RuleMatch[] | undefined;
    let fits: RuleMatch[] | undefined;
    for (let k = 0; k < count; k++) {
      const compiled = this.rules[candidates[k] as number] as CompiledRule;
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
            const ask = askIndex(field);
            if (gaps[ask] === 0) touched.push(ask);
            gaps[ask] = (gaps[ask] as number) + weight;
          }
        }
      }
    }

    const risk = excluded ? 100 : Math.round((1 - keep) * 100);
    const knownFacts = countJudgingFacts(lead.facts);
    const { review, reject } = this.ruleSet.thresholds;
    let decision: Decision;
    if (excluded || risk >= reject) decision = "reject";
    else if (risk >= review) decision = "review";
    else if (knownFacts < this.ruleSet.minKnownFacts) decision = "needs_info";
    else decision = "pass";

    return {
      decision,
      risk,
      matches: matches === undefined ? [] : matches.length > 1 ? matches.sort(byStrength) : matches,
      fits: fits === undefined ? [] : fits.length > 1 ? fits.sort(byStrength) : fits,
      missing:
        touched.length === 0
          ? []
          : touched
              .sort((a, b) => (gaps[b] as number) - (gaps[a] as number) || a - b)
              .map((i) => FACT_NAMES[i] as FactName),
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
      reason: compiled.reason(evidence),
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
