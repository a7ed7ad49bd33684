import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { commandFields, eventEnvelope, useSlackHarness } from "./harness.js";
import { buttonClick, modalSubmission, reasonPicked, verdictIn } from "./outcomeSteps.js";

const h = useSlackHarness();

describe("outcome buttons on a verdict", () => {
  it("carries Won / Lost / Disqualified / Verdict was wrong with the check id", async () => {
    const { post, check } = await verdictIn(h, "COUT1");
    const actions = (
      post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === "actions");
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([
      "outcome_won",
      "outcome_lost",
      "outcome_disqualified",
      "outcome_verdict_wrong",
    ]);
    expect(actions?.elements?.every((e) => e.value === check.id)).toBe(true);
  });

  it("records Won in one click and shows it on the verdict", async () => {
    const { check } = await verdictIn(h, "COUT2");
    const updates = h.fake.callsTo("chat.update").length;
    const r = await h.slack.interaction(
      buttonClick(h, "outcome_won", check.id, { channel: "COUT2", ts: check.messageTs }),
    );
    expect(r.status).toBe(200);
    const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").slice(updates)[0]);
    expect(update.body).toMatchObject({ channel: "COUT2", ts: check.messageTs });
    expect(JSON.stringify(update.body.blocks)).toContain("*Won*");
    expect(JSON.stringify(update.body.blocks)).toContain("reported by <@U2147483697>");
    expect(
      await h.db.prisma.outcome.findFirst({ where: { checkId: check.id, isCurrent: true } }),
    ).toMatchObject({
      kind: "won",
      userId: "U2147483697",
    });
  });

  it("opens the reason modal for Lost within the ack, then records the reason and keeps the history", async () => {
    const { check } = await verdictIn(h, "COUT3");
    await h.slack.interaction(
      buttonClick(h, "outcome_won", check.id, { channel: "COUT3", ts: check.messageTs }),
    );
    await expect.poll(() => h.db.prisma.outcome.count({ where: { checkId: check.id } })).toBe(1);
    const opens = h.fake.callsTo("views.open").length;
    const sent = Date.now();
    await h.slack.interaction(
      buttonClick(h, "outcome_lost", check.id, { channel: "COUT3", ts: check.messageTs }),
    );
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    expect(open.at - sent).toBeLessThan(3_000);
    expect(open.body.trigger_id).toBe("trigger-outcome_lost");
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe("outcome_reason");
    // Saving without a reason is refused inside the modal.
    const submission = (values: Record<string, unknown>) => modalSubmission(view.private_metadata, values);
    const refused = await h.slack.interaction(
      submission({ reason: { reason: { type: "static_select", selected_option: null } } }),
    );
    expect(JSON.parse(refused.text)).toMatchObject({ response_action: "errors" });
    // A form whose metadata cannot be read (an old or tampered form) is refused in the modal, not crashed on.
    const expired = await h.slack.interaction(modalSubmission("not json", reasonPicked("no_budget")));
    expect(JSON.parse(expired.text)).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("expired") },
    });
    const updates = h.fake.callsTo("chat.update").length;
    const saved = await h.slack.interaction(
      submission(reasonPicked("no_budget", "tiny agency, free plan only")),
    );
    expect(saved.status).toBe(200);
    const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").slice(updates)[0]);
    expect(JSON.stringify(update.body.blocks)).toContain("*Lost* — No budget");
    const outcomes = await h.db.prisma.outcome.findMany({
      where: { checkId: check.id },
      orderBy: { createdAt: "asc" },
    });
    expect(outcomes.map((o) => [o.kind, o.isCurrent])).toEqual([
      ["won", false],
      ["lost", true],
    ]);
    expect(outcomes[1]).toMatchObject({ reason: "no_budget", repWords: "tiny agency, free plan only" });
  });

  it("refuses a form forged or replayed from another workspace or user, and never posts to its URL", async () => {
    const { check } = await verdictIn(h, "COUT9");
    const opens = h.fake.callsTo("views.open").length;
    await h.slack.interaction(
      buttonClick(h, "outcome_lost", check.id, { channel: "COUT9", ts: check.messageTs }),
    );
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    const sealed = (open.body.view as { private_metadata: string }).private_metadata;
    // Anything that reaches this server is a POST the app was tricked into.
    const hits: string[] = [];
    const trap = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("ok");
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/collect`;
    const forged = {
      checkId: check.id,
      kind: "disqualified",
      workspaceId: "T0001",
      responseUrl: trapUrl,
    };
    const fromAnotherTeam = modalSubmission(sealed, reasonPicked("no_budget"));
    fromAnotherTeam.team.id = "T0002";
    fromAnotherTeam.user.team_id = "T0002";
    for (const submission of [
      fromAnotherTeam,
      modalSubmission(sealed, reasonPicked("no_budget"), "U0999ZZZZ"),
      modalSubmission(JSON.stringify(forged), reasonPicked("spam")),
      modalSubmission(
        JSON.stringify({ ...JSON.parse(sealed), d: JSON.stringify(forged) }),
        reasonPicked("spam"),
      ),
    ]) {
      const answer = await h.slack.interaction(submission);
      expect(JSON.parse(answer.text)).toMatchObject({
        response_action: "errors",
        errors: { reason: expect.stringContaining("expired") },
      });
    }
    await h.work.onIdle();
    await h.posts.onIdle();
    trap.close();
    expect(hits).toEqual([]);
    expect(await h.db.prisma.outcome.count({ where: { checkId: check.id } })).toBe(0);
  });

  it("refuses an outcome for another workspace's check, with a clear line", async () => {
    const { check } = await verdictIn(h, "COUT4");
    const responses = h.fake.callsTo("chat.postEphemeral").length;
    await h.slack.interaction(
      buttonClick(h, "outcome_won", check.id, { channel: "COUT4", ts: check.messageTs }, "T0999"),
    );
    const eph = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral")[responses]);
    expect(String(eph.body.text)).toContain("can't find that lead");
    expect(await h.db.prisma.outcome.count({ where: { checkId: check.id } })).toBe(0);
  });
});

describe("outcome replies in a verdict's thread", () => {
  const reply = (id: string, channel: string, threadTs: string, text: string) =>
    h.slack.event(
      eventEnvelope(id, {
        type: "message",
        channel,
        channel_type: "channel",
        user: "U2147483697",
        text,
        ts: `${Number(threadTs) + Math.random()}`.slice(0, 17),
        thread_ts: threadTs,
      }),
    );

  it.each([
    ["lost – no budget, 3-person agency", "lost", "no_budget"],
    ["perdido: sin presupuesto", "lost", "no_budget"],
    ["DQ: student", "disqualified", "student_academic"],
    ["closed lost, went with a competitor", "lost", "chose_competitor"],
    ["won!", "won", null],
  ] as const)("records %s, reacts and confirms in the thread", async (text, kind, reason) => {
    const channel = `CREPLY${Math.floor(Math.random() * 1e6)}`;
    const { check } = await verdictIn(h, channel);
    const reactions = h.fake.callsTo("reactions.add").length;
    await reply(`Ev${channel}`, channel, check.messageTs, text);
    await h.fake.waitFor(() => h.fake.callsTo("reactions.add")[reactions]);
    const confirm = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .find((c) => c.body.channel === channel && c.body.thread_ts === check.messageTs),
    );
    expect(String(confirm.body.text)).toMatch(/^Recorded \*/);
    expect(
      await h.db.prisma.outcome.findFirst({ where: { checkId: check.id, isCurrent: true } }),
    ).toMatchObject({
      kind,
      reason,
      repWords: text,
      sourceTs: expect.any(String),
    });
  });

  it("leaves conversation alone and asks with buttons when unsure", async () => {
    const { check } = await verdictIn(h, "CREPLYCHAT");
    const reactions = h.fake.callsTo("reactions.add").length;
    const ephemerals = h.fake.callsTo("chat.postEphemeral").length;
    await reply("EvCHAT1", "CREPLYCHAT", check.messageTs, "thanks, I'll call them tomorrow");
    await reply(
      "EvCHAT2",
      "CREPLYCHAT",
      check.messageTs,
      "I'm worried we might have lost them to the incumbent after the call",
    );
    const ask = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral")[ephemerals]);
    expect(ask.body).toMatchObject({
      channel: "CREPLYCHAT",
      user: "U2147483697",
      thread_ts: check.messageTs,
    });
    expect(JSON.stringify(ask.body.blocks)).toContain("outcome_lost");
    expect(h.fake.callsTo("reactions.add").length).toBe(reactions);
    expect(await h.db.prisma.outcome.count({ where: { checkId: check.id } })).toBe(0);
  });
});

describe("edited and deleted outcome replies", () => {
  it("updates the outcome when the reply is edited and withdraws it when deleted", async () => {
    const { check } = await verdictIn(h, "CREVISE");
    const replyTs = `${check.messageTs.split(".")[0]}.900001`;
    await h.slack.event(
      eventEnvelope("EvREVISE1", {
        type: "message",
        channel: "CREVISE",
        channel_type: "channel",
        user: "U2147483697",
        text: "lost – no budget",
        ts: replyTs,
        thread_ts: check.messageTs,
      }),
    );
    await expect
      .poll(() => h.db.prisma.outcome.findFirst({ where: { checkId: check.id, isCurrent: true } }))
      .toMatchObject({ kind: "lost", reason: "no_budget", sourceTs: replyTs });
    await h.slack.event(
      eventEnvelope("EvREVISE2", {
        type: "message",
        subtype: "message_changed",
        channel: "CREVISE",
        channel_type: "channel",
        ts: `${check.messageTs.split(".")[0]}.900002`,
        message: {
          type: "message",
          user: "U2147483697",
          text: "won after all!",
          ts: replyTs,
          thread_ts: check.messageTs,
        },
        previous_message: {
          type: "message",
          user: "U2147483697",
          text: "lost – no budget",
          ts: replyTs,
          thread_ts: check.messageTs,
        },
      }),
    );
    await expect
      .poll(() =>
        h.db.prisma.outcome.findMany({
          where: { checkId: check.id },
          select: { kind: true, isCurrent: true },
        }),
      )
      .toEqual([{ kind: "won", isCurrent: true }]);
    // The edit shows on the verdict first.
    await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.update")
        .find((c) => c.body.channel === "CREVISE" && JSON.stringify(c.body.blocks).includes("*Won*")),
    );
    const updates = h.fake.callsTo("chat.update").length;
    await h.slack.event(
      eventEnvelope("EvREVISE3", {
        type: "message",
        subtype: "message_deleted",
        channel: "CREVISE",
        channel_type: "channel",
        ts: `${check.messageTs.split(".")[0]}.900003`,
        deleted_ts: replyTs,
        previous_message: {
          type: "message",
          user: "U2147483697",
          text: "won after all!",
          ts: replyTs,
          thread_ts: check.messageTs,
        },
      }),
    );
    await expect.poll(() => h.db.prisma.outcome.count({ where: { checkId: check.id } })).toBe(0);
    const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").slice(updates)[0]);
    expect(update.body).toMatchObject({ channel: "CREVISE", ts: check.messageTs });
    expect(JSON.stringify(update.body.blocks)).not.toContain("*Won*");
  });
});

describe("/triage outcome", () => {
  it("records an outcome by check id or by a link to the verdict, with the reason its words name", async () => {
    const { check } = await verdictIn(h, "CCMD1");
    await h.slack.command(
      commandFields(`outcome ${check.id} lost too expensive for them`, h.fake, {
        response_url: h.fake.responseUrl("oc1"),
      }),
    );
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === "oc1"));
    expect(
      await h.db.prisma.outcome.findFirst({ where: { checkId: check.id, isCurrent: true } }),
    ).toMatchObject({
      kind: "lost",
      reason: "price",
      repWords: "too expensive for them",
    });
    const link = `https://acme.slack.com/archives/CCMD1/p${check.messageTs.replace(".", "")}`;
    await h.slack.command(
      commandFields(`outcome ${link} dq`, h.fake, { response_url: h.fake.responseUrl("oc2") }),
    );
    await expect
      .poll(() => h.db.prisma.outcome.findFirst({ where: { checkId: check.id, isCurrent: true } }))
      .toMatchObject({ kind: "disqualified" });
  });

  it("explains the usage in the ack, and refuses a check it cannot find", async () => {
    const usage = await h.slack.command(commandFields("outcome", h.fake));
    expect(JSON.parse(usage.text).text).toContain("/triage outcome <check id");
    await h.slack.command(
      commandFields("outcome 00000000-0000-4000-8000-000000000000 won", h.fake, {
        response_url: h.fake.responseUrl("oc3"),
      }),
    );
    const refused = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === "oc3"));
    expect(String(refused.body.text)).toContain("can't find that lead");
  });
});
