import type { LeafCondition, Rule, RuleSet } from "../personas/schema.js";
import { foldPhrase } from "../text.js";
import { type OutcomeHistoryItem, outcomeClass } from "./history.js";
import { placeRule } from "./placement.js";
import { benjaminiHochberg, binomialTail, wilsonInterval } from "./statistics.js";
import { type Trait, traitsOf } from "./traits.js";

export interface RefineOptions {
  /** Fewer closed outcomes than this behind a trait or a rule and it is not tested at all. */
  minSupport: number;
  /** The share of false discoveries tolerated among the suggestions (Benjamini–Hochberg). */
  falseDiscoveryRate: number;
  /** Weight changes smaller than this (points) are not worth an admin's attention. */
  minWeightChange: number;
  /** How a reason id reads to people (the workspace's taxonomy). */
  reasonLabel: (reason: string) => string;
}

export const DEFAULT_REFINE_OPTIONS: Omit<RefineOptions, "reasonLabel"> = {
  minSupport: 8,
  falseDiscoveryRate: 0.05,
  minWeightChange: 5,
};

export interface Evidence {
  /** Closed outcomes (won, lost, disqualified) behind the trait or rule. */
  support: number;
  /** Of those, lost or disqualified. */
  bad: number;
  badRate: number;
  /** The bad rate over every closed outcome. */
  baseRate: number;
  /** The conservative end of the 95% Wilson interval of badRate: the lower end for a stronger rule, the
   * upper end for a weaker one. */
  bound: number;
  /** One-sided exact binomial p-value against the base rate. */
  pValue: number;
  /** The canonical reasons of the bad outcomes, most frequent first. */
  reasons: { reason: string; count: number }[];
  /** A few check ids: bad outcomes for a stronger rule, won ones for a weaker one. Newest first. */
  examples: string[];
}

interface Base {
  persona: string;
  evidence: Evidence;
}

export type Suggestion =
  | (Base & {
      kind: "add_rule";
      rule: string;
      when: LeafCondition;
      weight: number;
      /** The trait in words: "industry is education". */
      trait: string;
      newPersona?: { name: string; description: string };
    })
  | (Base & {
      kind: "raise_weight" | "lower_weight";
      rule: string;
      weight: number;
      currentWeight: number | "exclude";
    })
  | (Base & { kind: "retire_rule"; rule: string; currentWeight: number | "exclude" })
  /** A hand-made change from an admin: this rule, added or replacing the one with its id (no evidence). */
  | (Base & {
      kind: "set_rule";
      rule: string;
      set: Rule;
      newPersona?: { name: string; description: string };
      by: string;
    })
  /** A whole rule set an admin imported (a YAML file), to replace the rules in force. */
  | (Base & { kind: "replace_rules"; rule?: undefined; document: RuleSet; by: string; changes: string[] });

export type SuggestionKind = Suggestion["kind"];

/** The share of a trait's reasons one reason needs to name the persona a learned rule goes to. */
const DOMINANT_REASON_SHARE = 0.4;

/** The weight a rule needs, under the noisy-OR risk model, to lift the base rate b to the rate r:
 * r = 1 − (1 − b)(1 − w)  ⇒  w = (r − b) / (1 − b). Derived from the data, never a constant. */
export function weightFor(rate: number, baseRate: number): number {
  if (baseRate >= 1) return 0;
  return Math.max(0, Math.min(100, Math.round((100 * (rate - baseRate)) / (1 - baseRate))));
}

interface Tally {
  n: number;
  bad: number;
  reasons: Map<string, number>;
  badExamples: OutcomeHistoryItem[];
  goodExamples: OutcomeHistoryItem[];
}

const newTally = (): Tally => ({ n: 0, bad: 0, reasons: new Map(), badExamples: [], goodExamples: [] });

function count(t: Tally, item: OutcomeHistoryItem, bad: boolean): void {
  t.n++;
  if (bad) {
    t.bad++;
    if (item.reason) t.reasons.set(item.reason, (t.reasons.get(item.reason) ?? 0) + 1);
    t.badExamples.push(item);
  } else t.goodExamples.push(item);
}

const newestFirst = (a: OutcomeHistoryItem, b: OutcomeHistoryItem) =>
  b.at.getTime() - a.at.getTime() || (a.checkId < b.checkId ? -1 : 1);

function evidence(
  t: Tally,
  baseRate: number,
  bound: number,
  pValue: number,
  examplesOf: "bad" | "good",
): Evidence {
  const examples = (examplesOf === "bad" ? t.badExamples : t.goodExamples).sort(newestFirst).slice(0, 3);
  return {
    support: t.n,
    bad: t.bad,
    badRate: t.bad / t.n,
    baseRate,
    bound,
    pValue,
    reasons: [...t.reasons]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([reason, n]) => ({ reason, count: n })),
    examples: examples.map((e) => e.checkId),
  };
}

/** Conditions the rule set already tests, keyed like traits, so a trait an existing rule covers is not
 * suggested again. */
function coveredKeys(ruleSet: RuleSet): Set<string> {
  const keys = new Set<string>();
  const visit = (c: unknown): void => {
    if (typeof c !== "object" || c === null) return;
    const node = c as Record<string, unknown>;
    for (const k of ["all", "any"]) if (Array.isArray(node[k])) (node[k] as unknown[]).forEach(visit);
    if (node.not) visit(node.not);
    const leaf = node as Partial<LeafCondition>;
    if (!leaf.field || !leaf.op) return;
    if (leaf.op === "eq" || leaf.op === "in") {
      const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      for (const v of values)
        keys.add(JSON.stringify({ field: leaf.field, op: "eq", value: foldPhrase(String(v)) }));
    } else if (leaf.op === "contains_any" && leaf.field === "title") {
      for (const v of leaf.value as string[]) {
        const folded = foldPhrase(v);
        if (!folded.includes(" "))
          keys.add(JSON.stringify({ field: "title", op: "contains_any", value: [folded] }));
      }
    } else keys.add(JSON.stringify(leaf));
  };
  for (const p of ruleSet.personas) for (const r of p.rules) visit(r.when);
  return keys;
}

function ruleIdFor(when: LeafCondition, taken: ReadonlySet<string>): string {
  const value =
    "value" in when ? (Array.isArray(when.value) ? when.value.join("-") : String(when.value)) : when.op;
  const base = `${when.field}-${when.op === "gte" ? `${value}-plus` : foldPhrase(value).replace(/ /g, "-")}`
    .replace(/[^a-z0-9_-]/gi, "")
    .toLowerCase()
    .slice(0, 56);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** Suggestions for a rule set from what became of the leads it judged: new rules for traits whose leads end
 * badly far more often than the rest, stronger or weaker weights for rules whose leads say so, and rules to
 * retire when their leads mostly won. Every suggestion must clear the minimum support, a significant exact
 * binomial test after the false-discovery control, and a weight change worth making. Pure and
 * deterministic: the same history and rules give the same suggestions in the same order. */
export function suggestRefinements(
  history: readonly OutcomeHistoryItem[],
  ruleSet: RuleSet,
  options: RefineOptions,
): Suggestion[] {
  const closed = history
    .map((item) => ({ item, cls: outcomeClass(item.outcome) }))
    .filter((c): c is { item: OutcomeHistoryItem; cls: "bad" | "good" } => c.cls !== undefined);
  const total = closed.length;
  const totalBad = closed.filter((c) => c.cls === "bad").length;
  if (total < options.minSupport || totalBad === 0 || totalBad === total) return [];
  const baseRate = totalBad / total;

  const traits = new Map<string, { trait: Trait; tally: Tally }>();
  const rules = new Map<string, Tally>();
  for (const { item, cls } of closed) {
    for (const trait of traitsOf(item.facts, item.history)) {
      const entry = traits.get(trait.key) ?? { trait, tally: newTally() };
      traits.set(trait.key, entry);
      count(entry.tally, item, cls === "bad");
    }
    for (const id of new Set(item.matchedRules)) {
      const tally = rules.get(id) ?? newTally();
      rules.set(id, tally);
      count(tally, item, cls === "bad");
    }
  }

  // Every test, in one family for the false-discovery control.
  type Test =
    | { of: "trait"; key: string; tally: Tally; side: "upper"; p: number }
    | { of: "rule"; key: string; tally: Tally; side: "upper" | "lower"; p: number };
  const tests: Test[] = [];
  for (const [key, { tally }] of [...traits].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (tally.n < options.minSupport) continue;
    tests.push({
      of: "trait",
      key,
      tally,
      side: "upper",
      p: binomialTail(tally.bad, tally.n, baseRate, "upper"),
    });
  }
  const antiRules = ruleSet.personas
    .filter((p) => p.kind === "anti")
    .flatMap((p) => p.rules.map((r) => ({ persona: p.id, rule: r, id: `${p.id}/${r.id}` })));
  for (const r of antiRules) {
    const tally = rules.get(r.id);
    if (tally === undefined || tally.n < options.minSupport) continue;
    for (const side of ["upper", "lower"] as const)
      tests.push({ of: "rule", key: r.id, tally, side, p: binomialTail(tally.bad, tally.n, baseRate, side) });
  }
  const discovered = benjaminiHochberg(
    tests.map((t) => t.p),
    options.falseDiscoveryRate,
  );

  const covered = coveredKeys(ruleSet);
  const takenIds = new Map(ruleSet.personas.map((p) => [p.id, new Set(p.rules.map((r) => r.id))]));
  const suggestions: { s: Suggestion; p: number; key: string }[] = [];
  tests.forEach((test, i) => {
    if (!discovered[i]) return;
    const { tally } = test;
    const interval = wilsonInterval(tally.bad, tally.n);
    if (test.of === "trait") {
      const entry = traits.get(test.key) as { trait: Trait; tally: Tally };
      if (covered.has(test.key)) return;
      const weight = weightFor(interval.lower, baseRate);
      if (weight < options.minWeightChange) return;
      const ev = evidence(tally, baseRate, interval.lower, test.p, "bad");
      // A persona is named after the reasons only when one clearly leads them.
      const reasoned = [...tally.reasons.values()].reduce((a, b) => a + b, 0);
      const lead = ev.reasons[0];
      const top = lead && lead.count >= DOMINANT_REASON_SHARE * reasoned ? lead.reason : undefined;
      const place = placeRule(ruleSet, top, top ? options.reasonLabel(top) : undefined);
      const taken = takenIds.get(place.persona) ?? new Set<string>();
      takenIds.set(place.persona, taken);
      const rule = ruleIdFor(entry.trait.when, taken);
      taken.add(rule);
      suggestions.push({
        key: test.key,
        p: test.p,
        s: {
          kind: "add_rule",
          persona: place.persona,
          rule,
          when: entry.trait.when,
          weight,
          trait: entry.trait.label,
          evidence: ev,
          ...(place.newPersona ? { newPersona: place.newPersona } : {}),
        },
      });
      return;
    }
    const r = antiRules.find((a) => a.id === test.key) as (typeof antiRules)[number];
    const current: number | "exclude" = r.rule.exclude ? "exclude" : (r.rule.weight ?? 0);
    const at = { persona: r.persona, rule: r.rule.id };
    if (test.side === "upper") {
      if (current === "exclude") return;
      const weight = weightFor(interval.lower, baseRate);
      if (weight < current + options.minWeightChange) return;
      const ev = evidence(tally, baseRate, interval.lower, test.p, "bad");
      suggestions.push({
        key: test.key,
        p: test.p,
        s: { kind: "raise_weight", ...at, weight, currentWeight: current, evidence: ev },
      });
      return;
    }
    const weight = weightFor(interval.upper, baseRate);
    const ev = evidence(tally, baseRate, interval.upper, test.p, "good");
    const mostlyWon = tally.bad * 2 < tally.n;
    if (mostlyWon || weight < options.minWeightChange) {
      suggestions.push({
        key: test.key,
        p: test.p,
        s: { kind: "retire_rule", ...at, currentWeight: current, evidence: ev },
      });
      return;
    }
    if (current !== "exclude" && weight > current - options.minWeightChange) return;
    suggestions.push({
      key: test.key,
      p: test.p,
      s: { kind: "lower_weight", ...at, weight, currentWeight: current, evidence: ev },
    });
  });

  const order: Record<SuggestionKind, number> = {
    add_rule: 0,
    raise_weight: 1,
    lower_weight: 2,
    retire_rule: 3,
    set_rule: 4,
    replace_rules: 5,
  };
  return suggestions
    .sort((a, b) => order[a.s.kind] - order[b.s.kind] || a.p - b.p || (a.key < b.key ? -1 : 1))
    .map((x) => x.s);
}
