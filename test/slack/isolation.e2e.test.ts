import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInstallServices, createOutcomeServices } from "../../src/services/appServices.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { testEngines } from "../support/databases.js";
import { blockActionPayload } from "../support/slackPayloads.js";
import { commandFields, eventEnvelope, type Harness, STATE_SECRET, startHarness } from "./harness.js";
import { buttonClick } from "./outcomeSteps.js";

/** Two workspaces on one database and one distributed app: every surface, tried from the wrong team, sees
 * nothing of the other. */
const A = { team: "T0AAAAAA01", token: "xoxb-team-a", admin: "U0ADMINA1", rep: "U0REPAAA1" };
const B = { team: "T0BBBBBB02", token: "xoxb-team-b", admin: "U0ADMINB1", rep: "U0REPBBB1" };
const LEAD = "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com";

const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
const tokenKey = randomBytes(32);
let h: Harness;
let checkA: { id: string; channelId: string; messageTs: string };

function installationOf(who: typeof A): Installation<"v2", false> {
  return {
    team: { id: who.team, name: who.team },
    enterprise: undefined,
    user: { id: who.admin, token: undefined, scopes: undefined },
    bot: { token: who.token, scopes: ["commands"], id: `B${who.team}`, userId: `U${who.team}` },
    appId: "A0LEADTRIAGE",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

async function slash(who: typeof A, text: string, user = who.rep, channel = "C0ISOLATE") {
  const id = `iso-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields(text, h.fake, {
      team_id: who.team,
      user_id: user,
      channel_id: channel,
      response_url: h.fake.responseUrl(id),
    }),
  );
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body;
}

const services = async () =>
  createOutcomeServices(h.db.store, new RuleBook(h.db.store.ruleSets, await loadRuleFile()));

beforeAll(async () => {
  h = await startHarness(engine, {
    distribution: { tokenKey },
    config: { adminUserIds: [A.admin, B.admin] },
  });
  const { installations } = createInstallServices(h.db.store, { current: tokenKey, older: [] }, STATE_SECRET);
  await installations.storeInstallation(installationOf(A));
  await installations.storeInstallation(installationOf(B));
  await h.slack.command(
    commandFields(LEAD, h.fake, { team_id: A.team, channel_id: "C0ASALES1", user_id: A.rep }),
  );
  await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0ASALES1"));
  for (let i = 0; i < 200; i++) {
    if ((await h.db.prisma.check.findFirst({ where: { channelId: "C0ASALES1" } }))?.messageTs) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const row = await h.db.prisma.check.findFirstOrThrow({ where: { channelId: "C0ASALES1" } });
  checkA = { id: row.id, channelId: "C0ASALES1", messageTs: row.messageTs as string };
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await engine.dispose();
});

describe("two workspaces on one database", () => {
  it("outcomes: another workspace's check cannot be reported, by id, by message link or by button", async () => {
    const byId = await slash(B, `outcome ${checkA.id} won`);
    expect(String(byId.text)).toContain("I can't find that lead in this workspace");
    const link = `https://northwind.slack.com/archives/${checkA.channelId}/p${checkA.messageTs.replace(".", "")}`;
    const byLink = await slash(B, `outcome ${link} lost no budget`);
    expect(String(byLink.text)).toContain("I can't find that lead in this workspace");
    const before = h.fake.callsTo("chat.postEphemeral").length;
    await h.slack.interaction(
      buttonClick(
        h,
        "outcome_won",
        checkA.id,
        { channel: checkA.channelId, ts: checkA.messageTs },
        B.team,
        B.rep,
      ),
    );
    await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral")[before]);
    expect(await h.db.prisma.outcome.count({ where: { checkId: checkA.id } })).toBe(0);
    // A thread reply in B under A's verdict's ts finds nothing either.
    await h.slack.event({
      ...eventEnvelope("Ev0ISOREPLY1", {
        type: "message",
        channel: checkA.channelId,
        channel_type: "channel",
        user: B.rep,
        text: "lost - no budget",
        ts: `${checkA.messageTs.split(".")[0]}.900001`,
        thread_ts: checkA.messageTs,
      }),
      team_id: B.team,
      authorizations: [
        { team_id: B.team, user_id: `U${B.team}`, is_bot: true, is_enterprise_install: false },
      ],
    });
    await h.work.onIdle();
    expect(await h.db.prisma.outcome.count({ where: { checkId: checkA.id } })).toBe(0);
  });

  it("reasons, rules, their history, exports and suggestions stay in their workspace", async () => {
    const added = await slash(A, "reasons add Needs an air-gapped install: air-gapped", A.admin);
    expect(String(added.text)).toContain("Added *Needs an air-gapped install*");
    expect(JSON.stringify(await slash(B, "reasons"))).not.toContain("air-gapped");

    const pack = await loadRuleFile();
    const small = pack.personas.find((p) => p.id === "too-small")?.rules[0];
    if (small) small.weight = 70;
    const { version: _, ...document } = pack;
    await h.db.store.ruleSets.publish(A.team, { document, author: A.admin, note: "tiny teams cost us" });
    expect(String((await slash(A, "rules history")).text)).toContain("*v2* (in force)");
    const historyB = String((await slash(B, "rules history")).text);
    expect(historyB).not.toContain("v2");
    expect(historyB).not.toContain("tiny teams cost us");
    expect(String((await slash(B, "rules diff 1 2")).text)).toMatch(
      /There is no rule set v[12] in this workspace/,
    );
    const rulesB = await slash(B, "rules");
    expect(JSON.stringify(rulesB.blocks)).toContain("*Rules v1* (default pack)");
    expect(String((await slash(B, "rules restore 2", B.admin)).text)).toContain("There is no rule set v2");

    const uploads = h.fake.uploads.length;
    await slash(B, "rules export");
    await h.fake.waitFor(() => h.fake.uploads[uploads]);
    const exported = h.fake.uploads[uploads]?.bytes.toString("utf8") ?? "";
    expect(exported).toContain("micro-team");
    expect(exported).not.toContain("weight: 70");
    expect(h.fake.callsTo("files.getUploadURLExternal").at(-1)?.token).toBe(B.token);

    const { suggestions } = await services();
    const proposal = structuredClone(pack);
    const rule = proposal.personas.find((p) => p.id === "too-small")?.rules[0];
    if (rule) rule.weight = 55;
    const proposed = await suggestions.proposeRuleSet(A.team, proposal, A.admin);
    expect(JSON.stringify(await slash(B, "refine"))).not.toContain(proposed.id);
    const id = `iso-approve-${Math.random().toString(36).slice(2)}`;
    await h.slack.interaction(
      blockActionPayload({
        team: B.team,
        user: B.admin,
        actionId: "refine_approve",
        blockId: `suggestion_actions:${proposed.id}`,
        value: proposed.id,
        channel: "C0ISOLATE",
        ephemeral: true,
        responseUrl: h.fake.responseUrl(id),
      }),
    );
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000);
    expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: proposed.id } })).toMatchObject({
      status: "open",
    });
    expect(await h.db.prisma.ruleSet.count({ where: { workspaceId: B.team } })).toBeLessThanOrEqual(1);
  });

  it("Home, digest and forget count only their own workspace", async () => {
    const publishes = h.fake.callsTo("views.publish").length;
    await h.slack.event({
      ...eventEnvelope("Ev0ISOHOME1", {
        type: "app_home_opened",
        user: B.rep,
        channel: "D0B",
        tab: "home",
        event_ts: "1.1",
      }),
      team_id: B.team,
      authorizations: [
        { team_id: B.team, user_id: `U${B.team}`, is_bot: true, is_enterprise_install: false },
      ],
    });
    const home = await h.fake.waitFor(() => h.fake.callsTo("views.publish")[publishes]);
    expect(home.token).toBe(B.token);
    const summaryB = await h.db.store.checks.countDecisions(B.team, new Date(0));
    expect(summaryB.total).toBe(0);
    expect(JSON.stringify(home.body.view)).not.toContain("Suggested rule changes* (1");

    const { digests } = await services();
    const now = new Date();
    expect((await digests.data(B.team, now)).week.total).toBe(0);
    expect((await digests.data(A.team, now)).week.total).toBe(1);

    const forgotten = await slash(B, "forget priya@northwind.com", B.admin);
    expect(String(forgotten.text)).toMatch(/^Nothing in this workspace named priya@northwind\.com/);
    expect((await h.db.prisma.check.findUniqueOrThrow({ where: { id: checkA.id } })).rawText).toContain(
      "priya@northwind.com",
    );
  });
});
