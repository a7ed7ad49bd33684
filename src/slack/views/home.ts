import type { HomeView, KnownBlock } from "@slack/types";
import type { HomeSummary } from "../../services/home.js";
import { clip, LIMITS } from "./limits.js";

export type HomeModel = HomeSummary;

/** The App Home tab: how to use the app and what it saw lately in this workspace. */
export function homeView(model: HomeModel): HomeView {
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
  ];
  return { type: "home", blocks };
}
