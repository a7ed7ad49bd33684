import type { Evidence, Suggestion } from "./suggest.js";

/** What a suggestion proposes, stable across refreshes: the same change suggested again has the same key. */
export function suggestionKey(s: Suggestion): string {
  if (s.kind === "replace_rules") return `replace_rules:${JSON.stringify(s.document)}`.slice(0, 2_000);
  if (s.kind === "set_rule") return `set_rule:${s.persona}/${s.rule}:${JSON.stringify(s.set)}`.slice(0, 500);
  return s.kind === "add_rule" ? `add_rule:${JSON.stringify(s.when)}` : `${s.kind}:${s.persona}/${s.rule}`;
}

/** A dismissed suggestion comes back only when its evidence has changed materially: a quarter more
 * outcomes behind it (and at least five), or a bad rate ten points away from what the admin saw. */
export function changedMaterially(
  seen: Pick<Evidence, "support" | "badRate">,
  now: Pick<Evidence, "support" | "badRate">,
): boolean {
  const moreData = now.support >= Math.max(seen.support * 1.25, seen.support + 5);
  return moreData || Math.abs(now.badRate - seen.badRate) >= 0.1;
}
