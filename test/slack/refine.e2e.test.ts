import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { NewCheck } from "../../src/domain/checks.js";
import type { OutcomeKind } from "../../src/domain/outcomes/kinds.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { refreshAllSuggestions } from "../../src/services/suggestions.js";
import { blockActionPayload } from "../support/slackPayloads.js";
import { commandFields, eventEnvelope, useSlackHarness } from "./harness.js";
import { modalSubmission } from "./outcomeSteps.js";

const h = useSlackHarness();

/** A workspace history: 80 ordinary leads (half won), 20 education leads all disqualified as academics and
 * 15 Brazilian leads all lost on geography. */
async function seedHistory(): Promise<void> {
  await h.db.store.workspaces.settings("T0001");
  const checks: NewCheck[] = [];
  const outcomes: { id: string; checkId: string; kind: OutcomeKind; reason?: string }[] = [];
  const add = (facts: Record<string, unknown>, kind: OutcomeKind, reason?: string) => {
    const id = randomUUID();
    checks.push({
      id,
      workspaceId: "T0001",
      inputKind: "import",
      facts,
      decision: "pass",
      risk: 0,
      matchedRules: [],
      missing: [],
      ruleSetVersion: 1,
    });
    outcomes.push({ id: randomUUID(), checkId: id, kind, ...(reason ? { reason } : {}) });
  };
  const industries = ["software", "retail", "logistics", "finance"];
  for (let i = 0; i < 80; i++)
    add(
      { industry: industries[Math.floor(i / 2) % 4], country: "US" },
      i % 2 === 0 ? "won" : "lost",
      i % 2 === 0 ? undefined : "bad_timing",
    );
  for (let i = 0; i < 20; i++)
    add({ industry: "education", country: "US" }, "disqualified", "student_academic");
  for (let i = 0; i < 15; i++) add({ industry: "software", country: "BR" }, "lost", "geography");
  await h.db.store.checks.insert(checks);
  await h.db.store.outcomes.importMany(outcomes);
}

// Registered after the harness's own start, so it runs once the harness is up.
beforeAll(seedHistory);

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id: string; value: string }[];
};

async function refine(user = "UREP") {
  const id = `refine-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields("refine", h.fake, { user_id: user, response_url: h.fake.responseUrl(id) }),
  );
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body;
}

function click(actionId: string, suggestionId: string, user: string) {
  const id = `${actionId}-${user}-${Math.random().toString(36).slice(2)}`;
  return {
    responseId: id,
    payload: blockActionPayload({
      team: "T0001",
      user,
      actionId,
      blockId: `suggestion_actions:${suggestionId}`,
      value: suggestionId,
      channel: "C2147483705",
      ts: "1.2",
      ephemeral: true,
      responseUrl: h.fake.responseUrl(id),
      triggerId: `trigger-${id}`,
    }),
  };
}

async function press(actionId: string, suggestionId: string, user: string) {
  const c = click(actionId, suggestionId, user);
  await h.slack.interaction(c.payload);
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === c.responseId), 20_000)).body;
}

function suggestionIds(message: Record<string, unknown>): { id: string; text: string }[] {
  const blocks = message.blocks as Block[];
  return blocks
    .filter((b) => b.block_id?.startsWith("suggestion:"))
    .map((b) => ({ id: (b.block_id as string).slice("suggestion:".length), text: b.text?.text ?? "" }));
}

describe("/triage refine in Slack", () => {
  it("shows the suggestions with evidence and backtest; only an admin approves, once, into a new rule-set version", async () => {
    const shown = await refine();
    expect(shown).toMatchObject({ response_type: "ephemeral" });
    const listed = suggestionIds(shown);
    const education = listed.find((s) => s.text.includes("industry is education"));
    expect(education?.text).toContain("20 of 20 leads where industry is education were lost or disqualified");
    expect(education?.text).toContain("_Backtest:_ Over the last 90 days it would have changed");
    expect(listed.some((s) => s.text.includes("country is BR"))).toBe(true);
    expect(JSON.stringify(shown.blocks)).toContain("refine_approve");
    expect(await h.db.prisma.suggestion.count({ where: { status: "open" } })).toBe(listed.length);

    // The Home tab shows them too, marked new.
    const publishes = h.fake.callsTo("views.publish").length;
    await h.slack.event(
      eventEnvelope("EvHOME1", {
        type: "app_home_opened",
        user: "UREP",
        channel: "D1",
        tab: "home",
        event_ts: "1.1",
      }),
    );
    const home = await h.fake.waitFor(() => h.fake.callsTo("views.publish")[publishes]);
    const homeText = JSON.stringify(home.body.view);
    expect(homeText).toContain(`Suggested rule changes* (${listed.length}, ${listed.length} new this week)`);
    expect(homeText).toContain(`suggestion:${education?.id}`);
    expect(homeText).toContain("refine_approve");

    const refused = await press("refine_approve", education?.id as string, "UREP");
    expect(String(refused.text)).toContain("Only admins can approve rule changes");
    expect(await h.db.prisma.ruleSet.count({ where: { workspaceId: "T0001" } })).toBe(1);

    h.fake.workspaceAdmins.add("UBOSS");
    const approved = await press("refine_approve", education?.id as string, "UBOSS");
    expect(String(approved.text)).toContain("Published rule set *v2* (approved by <@UBOSS>)");
    const v2 = await h.db.prisma.ruleSet.findUniqueOrThrow({
      where: { workspaceId_version: { workspaceId: "T0001", version: 2 } },
    });
    expect(v2).toMatchObject({ author: "UBOSS", provenance: "suggested from 20 outcomes" });
    const persona = (
      v2.document as { personas: { id: string; rules: { id: string; provenance: string }[] }[] }
    ).personas.find((p) => p.id === "student-academic");
    expect(persona?.rules.at(-1)).toMatchObject({
      id: "industry-education",
      provenance: "suggested from 20 outcomes",
    });
    expect(await h.db.prisma.workspace.findUniqueOrThrow({ where: { id: "T0001" } })).toMatchObject({
      activeRuleSetVersion: 2,
    });
    expect(
      await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: education?.id as string } }),
    ).toMatchObject({
      status: "approved",
      decidedBy: "UBOSS",
      publishedVersion: 2,
    });
    const again = await press("refine_approve", education?.id as string, "UBOSS");
    expect(String(again.text)).toContain("already approved by <@UBOSS> (rule set v2)");
    expect(await h.db.prisma.ruleSet.count({ where: { workspaceId: "T0001" } })).toBe(2);
  });

  it("dismisses with the admin's reason in a modal, and the suggestion stays away", async () => {
    const brazil = suggestionIds(await refine()).find((s) => s.text.includes("country is BR"));
    expect(brazil).toBeDefined();
    const opens = h.fake.callsTo("views.open").length;
    const c = click("refine_dismiss", brazil?.id as string, "UBOSS");
    await h.slack.interaction(c.payload);
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    const view = open.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("refine_dismiss_reason");
    const submit = (why: string) =>
      h.slack.interaction(
        modalSubmission(
          view.private_metadata,
          { why: { why: { type: "plain_text_input", value: why } } },
          "UBOSS",
          "refine_dismiss_reason",
        ),
      );
    expect(JSON.parse((await submit("no")).text)).toMatchObject({ response_action: "errors" });
    await submit("we are opening a São Paulo office next quarter");
    const told = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === c.responseId));
    expect(String(told.body.text)).toContain("Dismissed:");
    expect(
      await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: brazil?.id as string } }),
    ).toMatchObject({
      status: "dismissed",
      decidedBy: "UBOSS",
      decisionNote: "we are opening a São Paulo office next quarter",
    });
    // Education is a rule now and Brazil was dismissed: nothing left to suggest.
    const after = await refine();
    expect(String(after.text)).toContain("No rule changes to suggest");
  });

  it("refuses the dismiss modal to someone who is not an admin", async () => {
    await h.db.store.suggestions.replaceOpen("T0001", [
      {
        key: "k1",
        kind: "retire_rule",
        ruleRef: "x/y",
        proposal: { summary: "s" },
        evidence: { support: 9, badRate: 0.1 },
        ruleSetVersion: 2,
      },
    ]);
    const [open] = await h.db.store.suggestions.open("T0001");
    const opens = h.fake.callsTo("views.open").length;
    const answer = await press("refine_dismiss", open?.id as string, "UREP");
    expect(String(answer.text)).toContain("Only admins can dismiss rule changes");
    expect(h.fake.callsTo("views.open")).toHaveLength(opens);
  });

  it("the weekly job refreshes every workspace, and one workspace's failure does not stop the rest", async () => {
    const { suggestions } = createOutcomeServices(
      h.db.store,
      new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
    );
    // A workspace whose rules in force cannot be read (a document edited by hand in the database).
    await h.db.prisma.workspace.create({ data: { id: "T0BROKEN1", activeRuleSetVersion: 1 } });
    await h.db.prisma.ruleSet.create({
      data: { workspaceId: "T0BROKEN1", version: 1, document: { personas: "?" } },
    });
    const failed: string[] = [];
    const result = await refreshAllSuggestions(["T0BROKEN1", "T0001"], suggestions, (ws) => failed.push(ws));
    expect(failed).toEqual(["T0BROKEN1"]);
    expect(result).toEqual({ workspaces: 2, withSuggestions: 0 });
  });
});
