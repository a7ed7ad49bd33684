import type { KnownBlock } from "@slack/types";

export function helpMessage(
  unknown?: string,
  options: { summaries?: boolean } = {},
): { text: string; blocks: KnownBlock[] } {
  const intro = unknown
    ? `I don't know the command \`${unknown.slice(0, 40)}\`. Here is what I can do:`
    : "Paste what you know about a lead and I'll tell you whether it's worth your time, and why.";
  const text = [
    intro,
    "",
    "*Check a lead*",
    "• `/triage Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com` — the verdict is posted here, so the thread becomes the lead's thread",
    "• `/triage --private …` — only you see the verdict",
    "• On any message (a forwarded email, a signature, a form post): *⋯ → Check lead*",
    "• Mention me with the details: `@Lead Triage Jane, student at MIT, wants a free plan`, or DM me",
    "",
    "*Report what became of a lead*",
    "• The buttons on its verdict: *Won*, *Lost*, *Disqualified*, *Verdict was wrong*",
    "• Or reply in the verdict's thread: `lost – no budget, 3-person agency`, `DQ: student`, `won!`",
    "• Or `/triage outcome <check id or message link> won|lost|disqualified [reason]`",
    "• `/triage reasons` lists the reasons to pick from; admins add one with `/triage reasons add Needs on-premise: on-prem, self-hosted` and rename one with `/triage reasons rename No budget to Budget frozen`",
    "",
    "*Weekly red-flag digest*",
    "• `/triage digest subscribe [#channel] [cron]` — every Monday 09:00 in your timezone unless you give a schedule (e.g. `0 9 * * 1`); `unsubscribe`, `list`, `preview` (only you see it), `send-now` (admins: the last 7 days, here, now). Invite me to the channel first.",
    "",
    "*Leads from your forms and CRM* (admins)",
    "• `/triage inbound setup #leads` — a signed URL your web form, Typeform or HubSpot posts leads to; each is triaged into the channel with the usual buttons. `inbound list`, `rotate`, `revoke`, `map` (which form field holds what)",
    "• `/triage outbound set https://…` — every verdict and outcome sent as signed JSON to your CRM, Zapier, Make or n8n; `outbound status`, `retry`, `rotate`, `off`",
    "",
    "*Learn from outcomes* (admins decide)",
    "• `/triage rules` — the rules in force with how often each fired and how those leads ended; `rules history`, `rules diff 2 3`, `rules export` (a YAML file in your DMs); admins `rules add`, `rules edit persona/rule`, `rules import` (forms; every change is backtested before publishing) and `rules restore 2`",
    "• `/triage refine` — rule changes suggested by what became of your leads, each with its numbers and a backtest over the last 90 days; admins *Approve* (a new rule-set version) or *Dismiss* (with a reason)",
    "",
    "*Privacy* (admins)",
    "• `/triage forget priya@northwind.com` or `/triage forget northwind.com` — removes every kept word, summary and note that names that person or domain; verdicts and outcomes still count, without the names",
    "",
    options.summaries
      ? "📝 AI summaries are on: a short summary follows each verdict, with facts I missed read from the lead's own words (marked AI-read; the rules judge them, and a guess never clears a lead). Outcome reasons I can't read and the digest's themes are read by AI too. Emails, phone numbers and names are removed before anything is sent, and the rules, never the model, decide."
      : "📝 AI summaries are off: rules only, and nothing is sent anywhere (an admin can set OPENAI_API_KEY or a local OpenAI-compatible server).",
    "",
    'I read names, titles, companies, sizes ("50-200 employees", "10k+"), budgets, countries and email domains, in English, Spanish, German and French.',
  ].join("\n");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
