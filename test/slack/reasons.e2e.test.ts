import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandFields, eventEnvelope, type Harness, startHarness, useSlackHarness } from "./harness.js";
import { buttonClick, LEAD, modalSubmission, reasonPicked, verdictIn } from "./outcomeSteps.js";

const h = useSlackHarness();
const { engine } = h;

type Block = { type: string; block_id?: string; elements?: { action_id: string; value: string }[] };

/** Sends `/triage <text>` and resolves to what the app answered on the command's response_url. */
async function command(text: string, user = "U2147483697") {
  const id = `cmd-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(commandFields(text, h.fake, { user_id: user, response_url: h.fake.responseUrl(id) }));
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id))).body;
}

/** The reason options of the next modal the app opens after `click`. */
async function modalOptions(click: () => Promise<unknown>) {
  const opens = h.fake.callsTo("views.open").length;
  await click();
  const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
  const view = open.body.view as {
    private_metadata: string;
    blocks: { block_id?: string; element?: { options?: { value: string; text: { text: string } }[] } }[];
  };
  const options = view.blocks.find((b) => b.block_id === "reason")?.element?.options ?? [];
  return { view, options: options.map((o) => [o.value, o.text.text] as const) };
}

describe("buttons on a private verdict", () => {
  it("open the reason modal and replace the private verdict with the outcome shown", async () => {
    const verdict = await command(`--private ${LEAD}`);
    const blocks = verdict.blocks as Block[];
    const checkId = blocks.find((b) => b.type === "actions")?.elements?.[0]?.value as string;
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => h.db.prisma.check.count({ where: { id: checkId } })).toBe(1);
    const { view } = await modalOptions(() =>
      h.slack.interaction(
        buttonClick(h, "outcome_lost", checkId, { channel: "C2147483705", ephemeral: true }),
      ),
    );
    // Sealed: the form's data (d), the team and user it was opened for, and the server's signature.
    const sealed = JSON.parse(view.private_metadata) as { d: string; t: string; u: string; s: string };
    expect(sealed).toMatchObject({ t: "T0001", u: "U2147483697", s: expect.any(String) });
    expect(JSON.parse(sealed.d)).toMatchObject({
      checkId,
      kind: "lost",
      responseUrl: h.fake.responseUrl(`button-outcome_lost-${checkId}`),
    });
    const saved = await h.slack.interaction(
      modalSubmission(view.private_metadata, reasonPicked("no_budget")),
    );
    expect(saved.status).toBe(200);
    const replaced = await h.fake.waitFor(() =>
      h.fake.responses.find((r) => r.id === `button-outcome_lost-${checkId}`),
    );
    expect(replaced.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(replaced.body.blocks)).toContain("*Lost* — No budget");
    // The private verdict keeps its buttons: a later report replaces this one.
    expect(JSON.stringify(replaced.body.blocks)).toContain("outcome_won");
    expect(await h.db.prisma.outcome.findFirst({ where: { checkId, isCurrent: true } })).toMatchObject({
      kind: "lost",
      reason: "no_budget",
    });
  });

  it("records Verdict was wrong with its reason and note", async () => {
    const { check } = await verdictIn(h, "CWRONG");
    const { view } = await modalOptions(() =>
      h.slack.interaction(
        buttonClick(h, "outcome_verdict_wrong", check.id, { channel: "CWRONG", ts: check.messageTs }),
      ),
    );
    const updates = h.fake.callsTo("chat.update").length;
    await h.slack.interaction(
      modalSubmission(view.private_metadata, reasonPicked("other", "they have 200 staff, not 3")),
    );
    const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").slice(updates)[0]);
    expect(JSON.stringify(update.body.blocks)).toContain("*Verdict was wrong* — Other");
    expect(await h.db.prisma.outcome.findFirst({ where: { checkId: check.id } })).toMatchObject({
      kind: "verdict_wrong",
      reason: "other",
      repWords: "they have 200 staff, not 3",
    });
  });
});

describe("a workspace's reasons", () => {
  it("lists them for anyone, privately", async () => {
    const answer = await command("reasons");
    expect(answer).toMatchObject({ response_type: "ephemeral" });
    expect(String(answer.text)).toContain("No budget");
    expect(JSON.stringify(answer.blocks)).toContain("`/triage reasons add");
  });

  it("refuses a change by someone who is not a workspace admin, saying who can", async () => {
    const answer = await command("reasons add Needs on-premise", "UREP");
    expect(String(answer.text)).toContain("Only admins can change the list of reasons");
    expect(String(answer.text)).toContain("workspace's admins and owners");
    expect(h.fake.callsTo("users.info").at(-1)?.body).toMatchObject({ user: "UREP" });
    expect(await h.db.prisma.reasonChange.count()).toBe(0);
  });

  it("lets a workspace admin add one that the modal, thread replies and the verdict then use", async () => {
    h.fake.workspaceAdmins.add("UBOSS");
    const answer = await command("reasons add Needs on-premise: on-prem, self-hosted", "UBOSS");
    expect(String(answer.text)).toContain("Added *Needs on-premise*");
    expect(await h.db.prisma.reasonChange.findMany()).toMatchObject([
      { workspaceId: "T0001", id: "needs_on_premise", label: "Needs on-premise", changedBy: "UBOSS" },
    ]);
    // Adding it again is refused, not duplicated.
    expect(String((await command("reasons add needs ON-premise", "UBOSS")).text)).toContain(
      "already a reason",
    );

    const { check } = await verdictIn(h, "CTAXO");
    const { options } = await modalOptions(() =>
      h.slack.interaction(
        buttonClick(h, "outcome_lost", check.id, { channel: "CTAXO", ts: check.messageTs }),
      ),
    );
    expect(options.at(-2)).toEqual(["needs_on_premise", "Needs on-premise"]);
    expect(options.at(-1)).toEqual(["other", "Other"]);

    const updates = h.fake.callsTo("chat.update").length;
    await h.slack.event(
      eventEnvelope("EvTAXO1", {
        type: "message",
        channel: "CTAXO",
        channel_type: "channel",
        user: "U2147483697",
        text: "DQ – they only run self-hosted software",
        ts: `${check.messageTs.split(".")[0]}.800001`,
        thread_ts: check.messageTs,
      }),
    );
    const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").slice(updates)[0]);
    expect(JSON.stringify(update.body.blocks)).toContain("*Disqualified* — Needs on-premise");
    expect(await h.db.prisma.outcome.findFirst({ where: { checkId: check.id } })).toMatchObject({
      kind: "disqualified",
      reason: "needs_on_premise",
    });
  });

  it("explains the syntax when a change cannot be read", async () => {
    const answer = await command("reasons delete everything");
    expect(String(answer.text)).toContain("`/triage reasons rename No budget to Budget frozen`");
  });
});

describe("reasons with ADMIN_USER_IDS configured", () => {
  let h2: Harness;
  beforeAll(async () => {
    h2 = await startHarness(engine, { config: { adminUserIds: ["UADMIN1", "UADMIN2"] } });
  });
  afterAll(async () => {
    await h2?.stop();
  });

  async function command2(text: string, user: string) {
    const id = `cmd2-${Math.random().toString(36).slice(2)}`;
    await h2.slack.command(
      commandFields(text, h2.fake, { user_id: user, response_url: h2.fake.responseUrl(id) }),
    );
    return (await h2.fake.waitFor(() => h2.fake.responses.find((r) => r.id === id))).body;
  }

  it("refuses everyone else (even a workspace admin), naming the admins, and lets an admin rename", async () => {
    h2.fake.workspaceAdmins.add("UOWNER");
    const refused = await command2("reasons rename No budget to Budget frozen", "UOWNER");
    expect(String(refused.text)).toContain("<@UADMIN1>, <@UADMIN2>");
    // The configured list decides: Slack is not asked.
    expect(h2.fake.callsTo("users.info")).toHaveLength(0);

    const renamed = await command2("reasons rename No budget to Budget frozen", "UADMIN2");
    expect(String(renamed.text)).toContain("Renamed *No budget* to *Budget frozen*");
    const list = await command2("reasons", "UREP");
    expect(String(list.text)).toContain("Budget frozen");
    expect(String(list.text)).not.toContain("No budget");
    const { check } = await verdictIn(h2, "CRENAME");
    await h2.slack.command(
      commandFields(`outcome ${check.id} lost they said no budget`, h2.fake, {
        response_url: h2.fake.responseUrl("rn1"),
      }),
    );
    await h2.fake.waitFor(() => h2.fake.responses.find((r) => r.id === "rn1"));
    expect(await h2.db.prisma.outcome.findFirst({ where: { checkId: check.id } })).toMatchObject({
      reason: "no_budget",
    });
  });
});
