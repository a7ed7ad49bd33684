import type { Suggestion } from "./suggest.js";

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/** One line a sales manager can check: what to change, and the numbers behind it. */
export function describeSuggestion(s: Suggestion, reasonLabel: (reason: string) => string): string {
  const e = s.evidence;
  const reasons =
    e.reasons.length > 0
      ? `; top reason${e.reasons.length > 1 ? "s" : ""}: ${e.reasons.map((r) => `${reasonLabel(r.reason).toLowerCase()} (${r.count})`).join(", ")}`
      : "";
  const rates = `${pct(e.badRate)} vs ${pct(e.baseRate)} overall`;
  const current = (w: number | "exclude") => (w === "exclude" ? "a hard exclude" : `weight ${w}`);
  switch (s.kind) {
    case "add_rule":
      return `Add rule ${s.persona}/${s.rule} (weight ${s.weight}${s.newPersona ? `, new persona “${s.newPersona.name}”` : ""}): ${e.bad} of ${e.support} leads where ${s.trait} were lost or disqualified (${rates})${reasons}.`;
    case "raise_weight":
      return `Raise ${s.persona}/${s.rule} from ${current(s.currentWeight)} to ${s.weight}: ${e.bad} of ${e.support} leads it matched were lost or disqualified (${rates})${reasons}.`;
    case "lower_weight":
      return `Lower ${s.persona}/${s.rule} from ${current(s.currentWeight)} to ${s.weight}: only ${e.bad} of ${e.support} leads it matched were lost or disqualified (${rates}).`;
    case "replace_rules": {
      const rules = s.document.personas.reduce((n, p) => n + p.rules.length, 0);
      const shown = s.changes.slice(0, 8).join("; ");
      return `Replace the rules with the file <@${s.by}> imported (${s.document.personas.length} personas, ${rules} rules): ${s.changes.length} change(s)${shown ? ` — ${shown}${s.changes.length > 8 ? "; …" : ""}` : ""}.`;
    }
    case "set_rule": {
      const w = s.set.exclude ? "a hard exclude" : `weight ${s.set.weight ?? 0}`;
      return `${s.newPersona ? `New persona “${s.newPersona.name}” with rule` : "Rule"} ${s.persona}/${s.rule} (${w}), proposed by <@${s.by}>: ${s.set.reason}`;
    }
    case "retire_rule":
      return `Retire ${s.persona}/${s.rule} (${current(s.currentWeight)}): ${e.support - e.bad} of ${e.support} leads it matched were won; only ${pct(e.badRate)} were lost or disqualified vs ${pct(e.baseRate)} overall.`;
  }
}
