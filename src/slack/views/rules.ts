import type { KnownBlock } from "@slack/types";
import type { RuleSetChange } from "../../domain/personas/diff.js";
import { describeChange } from "../../domain/personas/diff.js";
import type { RuleOverview } from "../../services/ruleSets.js";
import { escapeMrkdwn } from "../text.js";
import { clip, LIMITS } from "./limits.js";

export const RULES_USAGE =
  "`/triage rules` lists the rules in force with how often each fired and how those leads ended; `/triage rules history`, `/triage rules diff 2 [3]`, and for admins `/triage rules add`, `/triage rules edit persona/rule` (a form; the change is backtested before anyone publishes it) and `/triage rules restore 2`. `/triage rules export` sends them as a YAML file; admins `/triage rules import` an edited one. Or approve suggestions from `/triage refine`.";

const pct = (n: number, of: number) => (of === 0 ? "" : `${Math.round((100 * n) / of)}%`);

function ruleLine(r: RuleOverview["personas"][number]["rules"][number]): string {
  const weight = r.weight === "exclude" ? "exclude" : `w${r.weight}`;
  const ended = r.won + r.lost;
  const outcome = ended > 0 ? `, ${ended} with an outcome: ${pct(r.lost, ended)} lost or disqualified` : "";
  const learned = r.provenance.startsWith("suggested") ? ` _(${escapeMrkdwn(r.provenance)})_` : "";
  return `• \`${escapeMrkdwn(r.id)}\` ${weight} — ${r.checks} hit(s)${outcome}${learned}`;
}

/** The rules in force: one section per persona (within Block Kit's 50 blocks and 3,000 characters each). */
export function rulesMessage(o: RuleOverview): { text: string; blocks: KnownBlock[] } {
  const who = o.author ? ` by <@${escapeMrkdwn(o.author)}>` : "";
  const header = `*Rules v${o.version}* (${escapeMrkdwn(o.provenance)}${who}) · review at ${o.thresholds.review}, reject at ${o.thresholds.reject} · hits in the last ${o.days} days`;
  const personas = o.personas.slice(0, LIMITS.messageBlocks - 3).map(
    (p): KnownBlock => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          `*${escapeMrkdwn(p.name)}* (${p.kind === "anti" ? "anti-persona" : "ideal"}, \`${escapeMrkdwn(p.id)}\`)\n${p.rules.map(ruleLine).join("\n")}`,
          LIMITS.sectionText,
        ),
      },
    }),
  );
  return {
    text: `Rules v${o.version}: ${o.personas.length} personas`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: header } },
      ...personas,
      { type: "context", elements: [{ type: "mrkdwn", text: RULES_USAGE }] },
    ],
  };
}

export function historyMessage(
  versions: {
    version: number;
    active: boolean;
    provenance: string;
    author: string | null;
    note: string | null;
    createdAt: Date;
  }[],
): { text: string } {
  if (versions.length === 0)
    return { text: "No rule versions yet: the default pack is adopted on the first verdict." };
  const lines = versions
    .slice(0, 30)
    .map(
      (v) =>
        `• *v${v.version}*${v.active ? " (in force)" : ""} <!date^${Math.floor(v.createdAt.getTime() / 1000)}^{date_short_pretty} {time}|${v.createdAt.toISOString()}> — ${escapeMrkdwn(v.provenance)}${v.author ? ` by <@${escapeMrkdwn(v.author)}>` : ""}${v.note ? `: ${escapeMrkdwn(clip(v.note, 200))}` : ""}`,
    );
  return { text: clip(`*Rule versions*, newest first:\n${lines.join("\n")}`, LIMITS.fallbackText) };
}

export function diffMessage(
  from: number,
  to: number | undefined,
  changes: RuleSetChange[],
): { text: string } {
  const title = `*v${from} → ${to === undefined ? "the rules in force" : `v${to}`}*`;
  if (changes.length === 0) return { text: `${title}: no differences.` };
  return {
    text: clip(`${title}\n\`\`\`${changes.map(describeChange).join("\n")}\`\`\``, LIMITS.fallbackText),
  };
}
