import type { HomeView, KnownBlock } from "@slack/types";
import type { HomeSummary } from "../../services/home.js";
import { clip, LIMITS } from "./limits.js";
import { suggestionBlocks } from "./suggestions.js";

/** Suggestions shown on the Home tab (two blocks each, well within its 100 blocks). */
const HOME_SUGGESTIONS = 10;
const NEW_FOR_MS = 7 * 86_400_000;

function pausedDigestSection(model: HomeModel): KnownBlock[] {
  if (model.pausedDigests.length === 0) return [];
  const lines = model.pausedDigests
    .slice(0, 20)
    .map(
      (d) =>
        `⚠️ The digest for <#${d.channelId}> is paused after ${d.failures} failed posts${d.lastError ? ` (${d.lastError})` : ""}. Invite me there and run \`/triage digest subscribe\` in it to resume.`,
    );
  return [
    { type: "divider" },
    {
      type: "section",
      text: { type: "mrkdwn", text: clip(`*For admins*\n${lines.join("\n")}`, LIMITS.sectionText) },
    },
  ];
}

function suggestionSection(model: HomeModel, now: Date): KnownBlock[] {
  if (model.suggestions.length === 0) return [];
  const fresh = model.suggestions.filter((s) => now.getTime() - s.createdAt.getTime() < NEW_FOR_MS).length;
  const shown = model.suggestions.slice(0, HOME_SUGGESTIONS);
  return [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Suggested rule changes* (${model.suggestions.length}${fresh > 0 ? `, ${fresh} new this week` : ""}), learned from what became of your leads. Admins approve or dismiss; \`/triage refine\` refreshes them.`,
      },
    },
    ...shown.flatMap(suggestionBlocks),
    ...(model.suggestions.length > shown.length
      ? [
          {
            type: "context" as const,
            elements: [
              {
                type: "mrkdwn" as const,
                text: `…and ${model.suggestions.length - shown.length} more in \`/triage refine\`.`,
              },
            ],
          },
        ]
      : []),
  ];
}

export type HomeModel = HomeSummary;

/** The App Home tab: how to use the app and what it saw lately in this workspace. */
export function homeView(model: HomeModel, now = new Date()): HomeView {
  const { counts } = model;
  const tally = (["pass", "review", "reject", "needs_info"] as const)
    .map((d) => `${d === "needs_info" ? "needs info" : d}: *${counts.byDecision[d] ?? 0}*`)
    .join("   ");
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Lead Triage" } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          "Paste or forward what you know about a lead and get a verdict in seconds — pass, review, reject or needs info — with the red flags that decided it.\n\n" +
            "• `/triage <lead details>` in any channel (add `--private` to keep it to yourself)\n" +
            "• *⋯ → Check lead* on a forwarded email, a signature or a form post\n" +
            "• Mention `@Lead Triage` with the details, or send them to me here in Messages",
          LIMITS.sectionText,
        ),
      },
    },
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          counts.total === 0
            ? `*Last ${model.days} days:* no leads checked yet.`
            : `*Last ${model.days} days:* ${counts.total} lead(s) checked, average risk ${counts.averageRisk ?? 0}/100\n${tally}`,
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            model.ruleSet === null || model.ruleSet.provenance === "default pack"
              ? `Rules: the default persona pack${model.ruleSet ? ` (v${model.ruleSet.version})` : ""}; see the README to adapt it to your team.`
              : `Rules: your team's rule set v${model.ruleSet.version}.`,
        },
      ],
    },
    ...pausedDigestSection(model),
    ...suggestionSection(model, now),
  ];
  return { type: "home", blocks };
}
