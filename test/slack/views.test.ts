import { describe, expect, it } from "vitest";
import type { VerdictReport } from "../../src/domain/personas/report.js";
import { commandIntent } from "../../src/slack/listeners/commands/triage/index.js";
import { messageText } from "../../src/slack/payloads.js";
import { escapeMrkdwn, slackToPlain } from "../../src/slack/text.js";
import { verdictMessage } from "../../src/slack/views/verdict.js";

function report(matches: number, reasonLength: number): VerdictReport {
  return {
    decision: "reject",
    risk: 97,
    matches: Array.from({ length: matches }, (_, i) => ({
      persona: `p${i}`,
      rule: `r${i}`,
      reason: `Reason ${i} ${"x".repeat(reasonLength)}`,
      weight: 10,
      exclude: false,
      evidence: [],
    })),
    fits: [
      { persona: "ideal", rule: "fit", reason: "Senior buyer", weight: 40, exclude: false, evidence: [] },
    ],
    facts: {
      industry: "education",
      employees: { min: 10000, max: null },
      budget: { amount: 500, currency: "USD", period: "month" },
    },
    inferred: [],
    sources: { industry: "field", employees: "signature", budget: "body" },
    missing: ["budget", "title"],
    ruleSetVersion: 4,
  };
}

describe("verdict message", () => {
  it("leads with the decision and risk, and ends with the rule-set version", () => {
    const m = verdictMessage(report(2, 10));
    expect(m.blocks[0]).toMatchObject({ type: "header", text: { text: "⛔ Reject · risk 97/100" } });
    expect(JSON.stringify(m.blocks)).toContain("Employees: 10,000+");
    expect(JSON.stringify(m.blocks)).toContain("Budget: 500 USD per month");
    expect(JSON.stringify(m.blocks)).toContain("*Ask the lead for:* budget, title");
    expect(JSON.stringify(m.blocks.at(-1))).toContain("Rule set v4");
    expect(m.text).toMatch(/^Reject \(risk 97\/100\): Reason 0/);
  });

  it("stays within Block Kit limits with oversized input", () => {
    for (const [count, length] of [
      [500, 50],
      [40, 5000],
      [3, 20000],
    ] as const) {
      const m = verdictMessage(report(count, length));
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const block of m.blocks) {
        const text = (block as { text?: { text: string } }).text?.text ?? "";
        expect(text.length).toBeLessThanOrEqual(3000);
      }
      expect(m.text.length).toBeLessThanOrEqual(4000);
      expect(JSON.stringify(m.blocks.at(-1))).toContain("Rule set v4");
    }
  });

  it("says when a red flag rests on a mail's body and counted part of its weight", () => {
    const r = report(1, 0);
    r.matches[0] = {
      ...(r.matches[0] as VerdictReport["matches"][number]),
      exclude: true,
      secondHand: { counted: 50 },
    };
    r.secondHand = ["industry"];
    const blocks = JSON.stringify(verdictMessage(r).blocks);
    expect(blocks).toContain(
      "_(an exclusion, counted +50: from the mail's body, may be about someone else)_",
    );
    expect(blocks).not.toContain("hard no");
    expect(blocks).toContain("Industry: education _(from the mail's body)_");
  });

  it("escapes lead words so they cannot ping channels", () => {
    const r = report(1, 0);
    (r.matches[0] as { reason: string }).reason = 'Mentions "<!channel> & <@U1>"';
    expect(JSON.stringify(verdictMessage(r).blocks)).toContain("&lt;!channel&gt; &amp; &lt;@U1&gt;");
    expect(escapeMrkdwn("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });
});

describe("slash command intent", () => {
  it.each([
    ["", { kind: "help" }],
    ["help", { kind: "help" }],
    ["settings", { kind: "help", unknown: "settings" }],
    ["rules", { kind: "rules", request: { action: "list" } }],
    ["rules diff v2 3", { kind: "rules", request: { action: "diff", from: 2, to: 3 } }],
    ["refine", { kind: "refine" }],
    [
      "reasons rename No budget to Budget frozen",
      { kind: "reasons", request: { action: "rename", which: "No budget", label: "Budget frozen" } },
    ],
    [
      "digest subscribe 0 9 * * 1-5",
      { kind: "digest", request: { action: "subscribe", schedule: "0 9 * * 1-5" } },
    ],
    ["digest send-now", { kind: "digest", request: { action: "send-now" } }],
    ["--private", { kind: "help" }],
    ["Acme", { kind: "triage", text: "Acme", private: false }],
    ["--private Jane, student", { kind: "triage", text: "Jane, student", private: true }],
    ["Jane, student --private", { kind: "triage", text: "Jane, student", private: true }],
  ])("%j", (text, intent) => {
    expect(commandIntent(text)).toEqual(intent);
  });
});

describe("Slack text", () => {
  it("unwraps links, emails and mentions and decodes entities", () => {
    expect(
      slackToPlain("<@U1> Ana <mailto:ana@x.io|ana@x.io> &amp; <https://x.io|x.io> <https://y.io> &lt;3"),
    ).toBe("Ana ana@x.io & x.io https://y.io <3");
  });

  it("reads attachments, form fields and email previews", () => {
    const text = messageText({
      text: "New lead",
      attachments: [{ title: "Form", fields: [{ title: "Company", value: "Globex" }] }],
      files: [{ subject: "Hi", from: [{ original: "Bob <bob@x.com>" }], plain_text: "We are 5 people" }],
    });
    expect(text).toBe("New lead\nForm\nCompany: Globex\nFrom: Bob <bob@x.com>\nSubject: Hi\nWe are 5 people");
  });
});

describe("a form's private_metadata", () => {
  const TEAM = { teamId: "T0123ABCD", userId: "U0123ABCD" };
  const meta = { checkId: "c1", kind: "lost", workspaceId: "T0123ABCD" };

  it("is read back only as sealed, for the team and user it was opened for", async () => {
    const { FormSeal } = await import("../../src/slack/formSeal.js");
    const { SlackUrls } = await import("../../src/slack/slackUrls.js");
    const { outcomeModalMetaSchema } = await import("../../src/slack/views/outcomeModal.js");
    const forms = new FormSeal("8f742231b10e8888abcd990000085a5f", new SlackUrls());
    const sealed = forms.seal(meta, TEAM);
    expect(forms.open(outcomeModalMetaSchema, sealed, TEAM)).toEqual(meta);
    // Another workspace, another user, another server key, or an altered form: expired.
    expect(forms.open(outcomeModalMetaSchema, sealed, { ...TEAM, teamId: "T0999ZZZZ" })).toBeUndefined();
    expect(forms.open(outcomeModalMetaSchema, sealed, { ...TEAM, userId: "U0999ZZZZ" })).toBeUndefined();
    expect(
      new FormSeal("another-secret", new SlackUrls()).open(outcomeModalMetaSchema, sealed, TEAM),
    ).toBeUndefined();
    const altered = JSON.parse(sealed) as { d: string };
    altered.d = altered.d.replace("lost", "won");
    expect(forms.open(outcomeModalMetaSchema, JSON.stringify(altered), TEAM)).toBeUndefined();
    // Unsealed JSON, as a forged submission would carry it, is refused too.
    expect(forms.open(outcomeModalMetaSchema, JSON.stringify(meta), TEAM)).toBeUndefined();
    expect(forms.open(outcomeModalMetaSchema, "not json", TEAM)).toBeUndefined();
    expect(forms.open(outcomeModalMetaSchema, undefined, TEAM)).toBeUndefined();
    // A sealed form whose workspace is not the team it was opened for is refused.
    const foreign = forms.seal({ ...meta, workspaceId: "T0999ZZZZ" }, TEAM);
    expect(forms.open(outcomeModalMetaSchema, foreign, TEAM)).toBeUndefined();
  });

  it("carries a response URL only when it is Slack's", async () => {
    const { FormSeal } = await import("../../src/slack/formSeal.js");
    const { SlackUrls } = await import("../../src/slack/slackUrls.js");
    const { outcomeModalMetaSchema } = await import("../../src/slack/views/outcomeModal.js");
    const forms = new FormSeal("8f742231b10e8888abcd990000085a5f", new SlackUrls());
    const withUrl = (responseUrl: string) => forms.seal({ ...meta, responseUrl }, TEAM);
    const slack = "https://hooks.slack.com/actions/T0123ABCD/1234/abcd";
    expect(forms.open(outcomeModalMetaSchema, withUrl(slack), TEAM)).toMatchObject({ responseUrl: slack });
    for (const url of [
      "http://hooks.slack.com/actions/T0123ABCD/1234/abcd",
      "https://hooks.slack.com.evil.example/actions/1",
      "https://user:pw@hooks.slack.com/actions/1",
      "https://evil.example/collect",
      "http://127.0.0.1:9/x",
    ])
      expect(forms.open(outcomeModalMetaSchema, withUrl(url), TEAM)).toBeUndefined();
  });

  it("trusts Slack's own hosts over https, and a configured Slack API for its own origin only", async () => {
    const { SlackUrls } = await import("../../src/slack/slackUrls.js");
    const urls = new SlackUrls();
    expect(urls.isFileUrl("https://files.slack.com/files-pri/T0123ABCD-F0123ABCD/rules.yml")).toBe(true);
    for (const url of [
      "http://files.slack.com/files-pri/T0123ABCD-F1/rules.yml",
      "https://files.slack.com:8443/x",
      "https://files.slack.com.evil.example/x",
      "https://evilslack.com/x",
      "https://169.254.169.254/latest/meta-data/",
      "file:///etc/passwd",
      "not a url",
    ])
      expect(urls.isFileUrl(url)).toBe(false);
    expect(urls.isResponseUrl("https://files.slack.com/x")).toBe(false);
    const proxied = new SlackUrls("http://127.0.0.1:7070/api/");
    expect(proxied.isResponseUrl("http://127.0.0.1:7070/respond/1")).toBe(true);
    expect(proxied.isFileUrl("http://127.0.0.1:7070/files/rules.yml")).toBe(true);
    expect(proxied.isFileUrl("http://127.0.0.1:7071/files/rules.yml")).toBe(false);
  });

  it("answers an expired form in its own block, and lets a readable one through without answering", async () => {
    const { FormSeal } = await import("../../src/slack/formSeal.js");
    const { SlackUrls } = await import("../../src/slack/slackUrls.js");
    const { formMetadata } = await import("../../src/slack/formMetadata.js");
    const { outcomeModalMetaSchema } = await import("../../src/slack/views/outcomeModal.js");
    const forms = new FormSeal("8f742231b10e8888abcd990000085a5f", new SlackUrls());
    const acks: unknown[] = [];
    const ack = async (answer?: unknown) => {
      acks.push(answer);
    };
    const form = (private_metadata: string) =>
      ({
        view: { private_metadata },
        body: { team: { id: TEAM.teamId }, user: { id: TEAM.userId, team_id: TEAM.teamId } },
        ack,
      }) as unknown as Parameters<typeof formMetadata>[2];
    expect(
      await formMetadata(forms, outcomeModalMetaSchema, form(forms.seal(meta, TEAM)), "reason", "Again."),
    ).toEqual(meta);
    expect(acks).toEqual([]);
    expect(
      await formMetadata(forms, outcomeModalMetaSchema, form("{}"), "reason", "Press it again."),
    ).toBeUndefined();
    expect(acks).toEqual([
      { response_action: "errors", errors: { reason: "Sorry, this form expired. Press it again." } },
    ]);
  });
});
