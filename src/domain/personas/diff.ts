import type { Rule, RuleSet } from "./schema.js";

/** One difference between two versions of a rule set, rule by rule. */
export type RuleSetChange =
  | { change: "persona_added" | "persona_removed"; persona: string; name: string }
  | { change: "rule_added" | "rule_removed"; persona: string; rule: string; weight: number | "exclude" }
  | {
      change: "rule_changed";
      persona: string;
      rule: string;
      /** What changed: "weight 40 → 70", "condition", "reason". */
      what: string[];
    }
  | { change: "thresholds"; what: string };

const weightOf = (r: Rule): number | "exclude" => (r.exclude ? "exclude" : (r.weight ?? 0));
const show = (w: number | "exclude") => (w === "exclude" ? "exclude" : `weight ${w}`);

/** What changed from `before` to `after`, in the order of `after` (then what was removed). */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetChange[] {
  const changes: RuleSetChange[] = [];
  const t0 = before.thresholds;
  const t1 = after.thresholds;
  if (t0.review !== t1.review || t0.reject !== t1.reject)
    changes.push({
      change: "thresholds",
      what: `review ${t0.review} → ${t1.review}, reject ${t0.reject} → ${t1.reject}`,
    });
  if (before.minKnownFacts !== after.minKnownFacts)
    changes.push({
      change: "thresholds",
      what: `known facts needed ${before.minKnownFacts} → ${after.minKnownFacts}`,
    });
  const old = new Map(before.personas.map((p) => [p.id, p]));
  for (const p of after.personas) {
    const was = old.get(p.id);
    if (was === undefined) {
      changes.push({ change: "persona_added", persona: p.id, name: p.name });
      for (const r of p.rules)
        changes.push({ change: "rule_added", persona: p.id, rule: r.id, weight: weightOf(r) });
      continue;
    }
    const oldRules = new Map(was.rules.map((r) => [r.id, r]));
    for (const r of p.rules) {
      const o = oldRules.get(r.id);
      if (o === undefined) {
        changes.push({ change: "rule_added", persona: p.id, rule: r.id, weight: weightOf(r) });
        continue;
      }
      const what: string[] = [];
      if (weightOf(o) !== weightOf(r)) what.push(`${show(weightOf(o))} → ${show(weightOf(r))}`);
      if (JSON.stringify(o.when) !== JSON.stringify(r.when)) what.push("condition");
      if (o.reason !== r.reason) what.push("reason");
      if (what.length > 0) changes.push({ change: "rule_changed", persona: p.id, rule: r.id, what });
    }
    const kept = new Set(p.rules.map((r) => r.id));
    for (const o of was.rules)
      if (!kept.has(o.id))
        changes.push({ change: "rule_removed", persona: p.id, rule: o.id, weight: weightOf(o) });
  }
  const current = new Set(after.personas.map((p) => p.id));
  for (const p of before.personas) {
    if (current.has(p.id)) continue;
    changes.push({ change: "persona_removed", persona: p.id, name: p.name });
    for (const r of p.rules)
      changes.push({ change: "rule_removed", persona: p.id, rule: r.id, weight: weightOf(r) });
  }
  return changes;
}

/** One line per change, for people. */
export function describeChange(c: RuleSetChange): string {
  switch (c.change) {
    case "persona_added":
      return `+ persona ${c.persona} (${c.name})`;
    case "persona_removed":
      return `- persona ${c.persona} (${c.name})`;
    case "rule_added":
      return `+ rule ${c.persona}/${c.rule} (${show(c.weight)})`;
    case "rule_removed":
      return `- rule ${c.persona}/${c.rule} (${show(c.weight)})`;
    case "rule_changed":
      return `~ rule ${c.persona}/${c.rule}: ${c.what.join(", ")}`;
    case "thresholds":
      return `~ ${c.what}`;
  }
}
