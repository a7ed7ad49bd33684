import type { KnownBlock } from "@slack/types";
import type { DigestData } from "../../domain/digest/data.js";
import type { Decision } from "../../domain/personas/verdict.js";
import { redactContacts } from "../../domain/privacy/redact.js";
import { cutText } from "../../domain/storable.js";

const DECISIONS: { key: Decision; label: string }[] = [
  { key: "pass", label: "pass" },
  { key: "review", label: "review" },
  { key: "reject", label: "reject" },
  { key: "needs_info", label: "needs info" },
];

/** Block Kit section text limit, and the share of a message's text budget (Slack fails near 13k). */
const SECTION_MAX = 2_900;
const MESSAGE_TEXT_BUDGET = 11_000;

const share = (n: number, total: number) => (total === 0 ? 0 : Math.round((100 * n) / total));

function delta(now: number, before: number, unit = ""): string {
  const d = now - before;
  if (d === 0) return "(=)";
  return `(${d > 0 ? "▲" : "▼"}${Math.abs(d)}${unit})`;
}

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The weekly red-flag digest: the week at a glance with changes against the week before, the red flags
 * that fired most and how their leads ended, reasons reps reported (contacts redacted), leads waiting for an
 * outcome and suggestions waiting for an admin. An empty week is one friendly line. Within Block Kit limits:
 * sections are cut, lists bounded, and the whole text kept under Slack's message budget. */
export function digestMessage(d: DigestData): { text: string; blocks: KnownBlock[] } {
  const range = `${day(d.from)} – ${day(new Date(d.to.getTime() - 1))}`;
  if (d.week.total === 0) {
    const text = `📭 Lead Triage weekly digest (${range}): no leads were checked this week. Paste one with \`/triage\` any time.${d.awaitingOutcome > 0 ? ` ${d.awaitingOutcome} earlier lead(s) still wait for an outcome.` : ""}`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const sections: string[] = [];
  const glance = DECISIONS.map(({ key, label }) => {
    const n = d.week.byDecision[key] ?? 0;
    const pct = share(n, d.week.total);
    const before = share(d.previousWeek.byDecision[key] ?? 0, d.previousWeek.total);
    return `${label} *${pct}%* ${d.previousWeek.total > 0 ? delta(pct, before, " pts") : ""}`.trim();
  }).join("  ·  ");
  sections.push(
    `*The week at a glance:* ${d.week.total} lead(s) checked ${delta(d.week.total, d.previousWeek.total)}\n${glance}`,
  );
  if (d.topRules.length > 0) {
    const lines = d.topRules.map((r) => {
      const ended = r.won + r.lost > 0 ? ` — so far ${r.lost} lost or disqualified, ${r.won} won` : "";
      return `• \`${esc(r.rule)}\` fired on ${r.checks} lead(s)${ended}`;
    });
    sections.push(`*Top red flags*\n${lines.join("\n")}`);
  }
  if (d.reasons.length > 0) {
    const lines = d.reasons.map((r) => {
      const quotes = r.examples
        .slice(0, 2)
        .map((e) => `“${esc(cutText(redactContacts(e).replace(/\s+/g, " ").trim(), 140))}”`)
        .join(" ");
      return `• *${esc(r.label)}* ×${r.count}${quotes ? ` ${quotes}` : ""}`;
    });
    sections.push(`*Why leads were lost or disqualified this week*\n${lines.join("\n")}`);
  }
  if (d.themes && d.themes.length > 0) {
    const lines = d.themes.map((t) => {
      const quotes = t.examples.map((e) => `“${esc(cutText(redactContacts(e), 100))}”`).join(" ");
      return `• *${esc(t.label)}* ×${t.count} ${quotes}`;
    });
    sections.push(
      `*Themes in what reps wrote* _(grouped by AI; the reasons above are the record)_\n${lines.join("\n")}`,
    );
  }
  const nudges: string[] = [];
  if (d.awaitingOutcome > 0)
    nudges.push(
      `⏳ ${d.awaitingOutcome} lead(s) from the last 30 days still wait for an outcome: press *Won* / *Lost* / *Disqualified* on their verdicts or reply in their threads, so the personas can learn.`,
    );
  if (d.pendingSuggestions > 0)
    nudges.push(`🧠 ${d.pendingSuggestions} suggested rule change(s) wait for an admin: \`/triage refine\`.`);
  if (nudges.length > 0) sections.push(nudges.join("\n"));

  let budget = MESSAGE_TEXT_BUDGET;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `🚩 Weekly red-flag digest · ${range}` } },
  ];
  for (const s of sections) {
    const text = s.length > SECTION_MAX ? `${cutText(s, SECTION_MAX - 1)}…` : s;
    if (text.length > budget) break;
    budget -= text.length;
    blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  }
  return { text: `Weekly red-flag digest (${range}): ${d.week.total} lead(s) checked`, blocks };
}
