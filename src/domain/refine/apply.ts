import type { Persona, RuleSet } from "../personas/schema.js";
import type { Suggestion } from "./suggest.js";

function reasonFor(s: Extract<Suggestion, { kind: "add_rule" }>): string {
  return `Leads where ${s.trait} were mostly lost or disqualified ({evidence})`;
}

/** The rule set with one suggestion applied: what an admin's approval publishes (and what its backtest
 * replays). A rule added from outcomes says so in its provenance. */
export function applySuggestion(ruleSet: RuleSet, s: Suggestion): RuleSet {
  const provenance = `suggested from ${s.evidence.support} outcomes`;
  if (s.kind === "replace_rules") return { ...s.document, version: ruleSet.version };
  const personas: Persona[] = ruleSet.personas.map((p) => ({ ...p, rules: [...p.rules] }));
  const persona = personas.find((p) => p.id === s.persona);
  if (s.kind === "set_rule") {
    if (persona === undefined) {
      personas.push({
        id: s.persona,
        name: s.newPersona?.name ?? s.persona,
        description: s.newPersona?.description ?? "",
        kind: "anti",
        rules: [s.set],
      });
      return { ...ruleSet, personas };
    }
    const at = persona.rules.findIndex((r) => r.id === s.set.id);
    if (at >= 0) persona.rules[at] = s.set;
    else persona.rules.push(s.set);
    return { ...ruleSet, personas };
  }
  if (s.kind === "add_rule") {
    const rule = { id: s.rule, when: s.when, weight: s.weight, reason: reasonFor(s), provenance };
    if (persona) persona.rules.push(rule);
    else
      personas.push({
        id: s.persona,
        name: s.newPersona?.name ?? s.persona,
        description: s.newPersona?.description ?? "",
        kind: "anti",
        rules: [rule],
      });
    return { ...ruleSet, personas };
  }
  if (persona === undefined) throw new Error(`no persona ${s.persona} in the rule set`);
  const at = persona.rules.findIndex((r) => r.id === s.rule);
  const rule = persona.rules[at];
  if (rule === undefined) throw new Error(`no rule ${s.persona}/${s.rule} in the rule set`);
  if (s.kind === "retire_rule") {
    persona.rules.splice(at, 1);
    return { ...ruleSet, personas: personas.filter((p) => p.rules.length > 0) };
  }
  const { exclude: _, ...weighted } = rule;
  persona.rules[at] = { ...weighted, weight: s.weight, provenance };
  return { ...ruleSet, personas };
}
