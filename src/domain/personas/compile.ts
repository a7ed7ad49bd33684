import { FACT_NAMES, type FactName, type ParsedLead } from "../lead/facts.js";
import { compileCondition } from "./conditions.js";
import { EvalContext } from "./context.js";
import { reasonRenderer } from "./evidence.js";
import type { Node } from "./node.js";
import { RuleIndex } from "./ruleIndex.js";
import type { Condition, Persona, Rule, RuleSet } from "./schema.js";
import {
  byStrength,
  countJudgingFacts,
  decide,
  keepFactor,
  riskScore,
  ruleWeight,
  secondHandWeight,
} from "./score.js";
import { FALSE, TRUE, UNKNOWN } from "./tri.js";
import type { Evidence, RuleMatch, Verdict } from "./verdict.js";

/** The evaluator, in small parts: operators.ts compiles each DSL operator, conditions.ts the all/any/not
 * tree, ruleIndex.ts picks the rules a lead's words can trigger, score.ts turns matches into risk and a
 * decision, evidence.ts quotes the lead. This module ties them together. */

export { compileCondition } from "./conditions.js";

interface CompiledRule {
  persona: Persona;
  rule: Rule;
  node: Node;
  weight: number;
  /** Factor this rule multiplies the "no red flag" probability by when it matches. */
  keep: number;
  needs: FactName[];
  /** For each of `needs`, the fact to ask for in its stead (askIndex), computed once. */
  asks: Int32Array;
  reason: (evidence: Evidence[]) => string;
}

/** Derived facts are asked for through the fact they come from: ask for the email, not its "domain kind". */
const ASK_FOR: Partial<Record<FactName, FactName>> = {
  emailDomain: "email",
  domainKind: "email",
  seniority: "title",
  department: "title",
};
const FACT_INDEX = new Map(FACT_NAMES.map((name, i) => [name, i]));
/** -1 for what no one can be asked for: a history field is the team's memory, not a fact of the lead. */
const askIndex = (field: FactName): number => FACT_INDEX.get(ASK_FOR[field] ?? field) ?? -1;

/** A rule set compiled for fast, repeated evaluation. Compile once per rule-set version, evaluate many leads.
 * Rules whose indexed field the lead lacks are not evaluated: their weight ranks that fact in "ask for". */
export class CompiledRuleSet {
  readonly version: number;
  private readonly rules: CompiledRule[];
  private readonly index: RuleIndex;
  private readonly ctx = new EvalContext();
  private readonly gaps = new Float64Array(FACT_NAMES.length);

  /** The rule set as written: what a worker thread compiles again. */
  constructor(readonly ruleSet: RuleSet) {
    this.version = ruleSet.version;
    this.rules = ruleSet.personas.flatMap((persona) =>
      persona.rules.map((rule) => {
        const node = compileCondition(rule.when);
        const weight = ruleWeight(rule);
        const needs = [...new Set(node.needs.filter((f): f is FactName => FACT_INDEX.has(f as FactName)))];
        return {
          persona,
          rule,
          node,
          weight,
          keep: keepFactor(weight),
          needs,
          asks: Int32Array.from(needs, askIndex),
          reason: reasonRenderer(rule.reason),
        };
      }),
    );
    this.index = new RuleIndex(this.rules, (field) => askIndex(field as FactName));
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  evaluate(lead: ParsedLead): Verdict {
    const ctx = this.ctx;
    ctx.reset(lead);
    const gaps = this.gaps;
    gaps.fill(0);
    const touched: number[] = [];
    const count = this.index.collect(ctx, gaps, touched);
    const candidates = this.index.found;

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
          if (restsOnSecondHand(ctx, match.evidence)) {
            const counted = secondHandWeight(compiled.rule);
            match.secondHand = { counted };
            keep *= keepFactor(counted);
          } else {
            keep *= compiled.keep;
            if (compiled.rule.exclude) excluded = true;
          }
          matches ??= [];
          matches.push(match);
        } else {
          fits ??= [];
          fits.push(match);
        }
      } else if (result === UNKNOWN) {
        const { needs, asks } = compiled;
        for (let n = 0; n < needs.length; n++) {
          if (ctx.fact(needs[n] as FactName) === undefined) {
            const ask = asks[n] as number;
            if (gaps[ask] === 0) touched.push(ask);
            gaps[ask] = (gaps[ask] as number) + compiled.weight;
          }
        }
      }
    }

    const risk = riskScore(keep, excluded);
    const knownFacts = countJudgingFacts(lead.facts);
    return {
      decision: decide({ excluded, risk, knownFacts }, this.ruleSet),
      risk,
      matches: matches === undefined ? [] : matches.length > 1 ? matches.sort(byStrength) : matches,
      fits: fits === undefined ? [] : fits.length > 1 ? fits.sort(byStrength) : fits,
      missing: touched.length === 0 ? [] : missingFacts(touched, gaps, lead),
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

/** The facts to ask for, most weighty first. A derived fact the text did not yield (a seniority from an unusual
 * title) is asked for through its source; when the lead already gave that source, asking again helps no one. */
function missingFacts(touched: number[], gaps: Float64Array, lead: ParsedLead): FactName[] {
  touched.sort((a, b) => (gaps[b] as number) - (gaps[a] as number) || a - b);
  const missing: FactName[] = [];
  for (const i of touched) {
    const name = FACT_NAMES[i] as FactName;
    if (lead.facts[name] === undefined) missing.push(name);
  }
  return missing;
}

/** True when every quoted word of a match comes from a second-hand fact. Words quoted from the whole text
 * (keyword rules on `text`) are the rule author's choice to read everything, so they count in full. */
function restsOnSecondHand(ctx: EvalContext, evidence: readonly Evidence[]): boolean {
  if (evidence.length === 0) return false;
  for (const e of evidence) if (e.field === "text" || ctx.fact(e.field)?.secondHand !== true) return false;
  return true;
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
