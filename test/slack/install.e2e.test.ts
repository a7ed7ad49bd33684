import { createHmac, randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createInstallServices, createOutcomeServices } from "../../src/services/appServices.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { sendDueDigests } from "../../src/slack/digestSender.js";
import { InstalledWorkspaceClients } from "../../src/slack/workspaceClients.js";
import { testEngines } from "../support/databases.js";
import type { FakeGrant } from "../support/fakeSlack.js";
import { commandFields, eventEnvelope, type Harness, STATE_SECRET, startHarness } from "./harness.js";

const NORTHWIND: FakeGrant = {
  teamId: "T0NORTHWND",
  teamName: "Northwind Sales",
  botToken: "xoxb-northwind-1111",
  botUserId: "U0NWBOT01",
  installerUserId: "U0NWADMIN",
};
const SOUTHWIND: FakeGrant = {
  teamId: "T0SOUTHWND",
  teamName: "Southwind",
  botToken: "xoxb-southwind-2222",
  botUserId: "U0SWBOT01",
  installerUserId: "U0SWADMIN",
};
const SOUTHWIND_BOT = [
  { team_id: "T0SOUTHWND", user_id: "U0SWBOT01", is_bot: true, is_enterprise_install: false },
];
const ORGANISATION: FakeGrant = {
  enterpriseId: "E0ACMEORG",
  enterpriseName: "Acme Group",
  isEnterpriseInstall: true,
  botToken: "xoxb-acme-org-3333",
  botUserId: "U0ACBOT01",
  installerUserId: "W0ACADMIN",
};

const LEAD = "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com";
const silent = createLogger("silent");
const monday9 = new Date("2026-11-30T09:00:20Z");

/** A browser's trip through "Add to Slack": the install page on one instance, Slack's consent (the fake grants a
 * code), and the redirect back, to the same or another instance, with the state cookie it was given. */
async function install(start: Harness, finish: Harness, grant: FakeGrant) {
  const page = await fetch(`http://127.0.0.1:${start.port}/slack/install`);
  const html = await page.text();
  const link = /href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
  const state = new URL(link ?? "http://x/").searchParams.get("state") ?? "";
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const code = `code-${randomBytes(4).toString("hex")}`;
  start.fake.grants.set(code, grant);
  const redirect = (withState = state, withCookie = cookie) =>
    fetch(
      `http://127.0.0.1:${finish.port}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(withState)}`,
      { headers: { cookie: `slack-app-oauth-state=${withCookie}` } },
    );
  const done = await redirect();
  return { page, html, link, state, cookie, done, body: await done.text(), redirect };
}

async function verdictTokenFor(
  h: Harness,
  team: string,
  channel: string,
  extra: Record<string, string> = {},
) {
  const r = await h.slack.command(
    commandFields(LEAD, h.fake, { team_id: team, channel_id: channel, ...extra }),
  );
  expect(r.status).toBe(200);
  const post = await h.fake.waitFor(() =>
    h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === channel),
  );
  return post.token;
}

describe.each(testEngines())("distribution on $name", (engine) => {
  const tokenKey = randomBytes(32);
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    a = await startHarness(engine, { distribution: { tokenKey } });
    b = await startHarness(engine, { distribution: { tokenKey }, shared: { db: a.db, fake: a.fake } });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await engine.dispose();
  });

  const installations = () =>
    createInstallServices(a.db.store, { current: tokenKey, older: [] }, STATE_SECRET);
  const digestsOn = async () =>
    createOutcomeServices(a.db.store, new RuleBook(a.db.store.ruleSets, await loadRuleFile())).digests;

  it("a workspace installs from the link, begun on one instance and finished on another, and works at once", async () => {
    const flow = await install(a, b, NORTHWIND);
    expect(flow.page.status).toBe(200);
    expect(flow.html).toContain("Add to Slack");
    expect(flow.link).toContain("client_id=1234567890.0987654321");
    expect(flow.link).toContain(encodeURIComponent("chat:write"));
    expect(flow.done.status).toBe(200);
    expect(flow.body).toContain("Lead Triage is installed in Northwind Sales");
    // Slack's code went to oauth.v2.access with the app's credentials.
    expect(a.fake.callsTo("oauth.v2.access").at(-1)?.body).toMatchObject({
      client_id: "1234567890.0987654321",
      client_secret: expect.any(String),
    });

    const row = await a.db.prisma.installation.findUniqueOrThrow({ where: { key: "T0NORTHWND" } });
    expect(row).toMatchObject({ teamId: "T0NORTHWND", botUserId: "U0NWBOT01", installerUserId: "U0NWADMIN" });
    expect(row.scopes).toContain("commands");
    expect(JSON.stringify(row)).not.toContain(NORTHWIND.botToken);
    // No restart: both instances serve the new workspace with its own token.
    expect(await verdictTokenFor(a, "T0NORTHWND", "C0NWSALES1")).toBe(NORTHWIND.botToken);
    expect(await verdictTokenFor(b, "T0NORTHWND", "C0NWSALES2")).toBe(NORTHWIND.botToken);
    expect(a.logs.join("") + b.logs.join("")).not.toContain(NORTHWIND.botToken);
  });

  it("a second workspace installs and each workspace's requests use its own token", async () => {
    expect((await install(b, a, SOUTHWIND)).done.status).toBe(200);
    expect(await verdictTokenFor(a, "T0SOUTHWND", "C0SWSALES1")).toBe(SOUTHWIND.botToken);
    expect(await verdictTokenFor(b, "T0NORTHWND", "C0NWSALES3")).toBe(NORTHWIND.botToken);
  });

  it("an install link works once, in the browser it was given to", async () => {
    const flow = await install(a, a, { ...NORTHWIND, botToken: "xoxb-northwind-reinstall" });
    expect(flow.done.status).toBe(200);
    const replay = await flow.redirect();
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("already used, has expired, or was opened in another browser");
    // A state handed to another browser (its cookie differs) is refused before any code is exchanged.
    const page = await fetch(`http://127.0.0.1:${a.port}/slack/install`);
    const stolen = /state=([^&"]+)/.exec(await page.text())?.[1] ?? "";
    const exchanges = a.fake.callsTo("oauth.v2.access").length;
    const wrongBrowser = await fetch(
      `http://127.0.0.1:${a.port}/slack/oauth_redirect?code=any&state=${stolen}`,
      { headers: { cookie: "slack-app-oauth-state=someone-else" } },
    );
    expect(wrongBrowser.status).toBe(400);
    expect(a.fake.callsTo("oauth.v2.access")).toHaveLength(exchanges);
    // The database keeps the pending state only as its HMAC (nothing a browser could present), and nothing of
    // a taken one.
    const hashes = (await a.db.prisma.oAuthState.findMany()).map((s) => s.stateHash);
    const hmac = (state: string) =>
      createHmac("sha256", STATE_SECRET).update(decodeURIComponent(state)).digest("base64url");
    expect(hashes).toContain(hmac(stolen));
    expect(hashes).not.toContain(stolen);
    expect(hashes).not.toContain(hmac(flow.state));
    // The reinstall replaced Northwind's token.
    expect(await verdictTokenFor(a, "T0NORTHWND", "C0NWSALES4")).toBe("xoxb-northwind-reinstall");
  });

  it("a workspace that never installed the app is not served", async () => {
    const r = await a.slack.command(
      commandFields(LEAD, a.fake, { team_id: "T0STRANGER", channel_id: "C0STRANGE" }),
    );
    expect(r.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.logs.join("")).toContain('"msg":"a request came from a workspace the app is not installed in"');
    expect(a.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C0STRANGE")).toHaveLength(0);
  });

  it("an org-wide install serves every workspace of the organisation, the digest included", async () => {
    const flow = await install(a, b, ORGANISATION);
    expect(flow.done.status).toBe(200);
    expect(flow.body).toContain("Lead Triage is installed in Acme Group");
    const row = await a.db.prisma.installation.findUniqueOrThrow({ where: { key: "E0ACMEORG" } });
    expect(row).toMatchObject({ isEnterpriseInstall: true, teamId: null, enterpriseId: "E0ACMEORG" });
    const token = await verdictTokenFor(a, "T0ACMEEU", "C0ACMEEU1", {
      enterprise_id: "E0ACMEORG",
      is_enterprise_install: "true",
    });
    expect(token).toBe(ORGANISATION.botToken);
    // The workspace's organisation was noted, so the digest finds the org-wide installation.
    const digests = await digestsOn();
    await digests.subscribe("T0ACMEEU", "C0ACMEDIG", "W0ACADMIN", "0 9 * * 1", "UTC");
    const clients = new InstalledWorkspaceClients(
      installations().installations,
      a.fake.clientOptions(),
      silent,
    );
    await expect
      .poll(async () => (await clients.forWorkspace("T0ACMEEU"))?.token)
      .toBe(ORGANISATION.botToken);
    await sendDueDigests(digests, clients, silent, monday9, 0);
    const post = a.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0ACMEDIG");
    expect(post?.token).toBe(ORGANISATION.botToken);
  });

  it("app_uninstalled removes that installation only: its digests stop, its data stays, others go on", async () => {
    const digests = await digestsOn();
    await digests.subscribe("T0NORTHWND", "C0NWDIGEST", "U0NWADMIN", "0 9 * * 1", "UTC");
    await digests.subscribe("T0SOUTHWND", "C0SWDIGEST", "U0SWADMIN", "0 9 * * 1", "UTC");
    const checksBefore = await a.db.prisma.check.count({ where: { workspaceId: "T0SOUTHWND" } });
    expect(checksBefore).toBeGreaterThan(0);

    const uninstalled = eventEnvelope("Ev0UNINSTALL1", {
      type: "app_uninstalled",
      event_ts: "1764493200.000100",
    });
    const r = await b.slack.event({ ...uninstalled, team_id: "T0SOUTHWND", authorizations: undefined });
    expect(r.status).toBe(200);
    await expect.poll(() => a.db.prisma.installation.count({ where: { key: "T0SOUTHWND" } })).toBe(0);
    expect(await a.db.prisma.installation.count({ where: { key: "T0NORTHWND" } })).toBe(1);
    expect(await a.db.prisma.check.count({ where: { workspaceId: "T0SOUTHWND" } })).toBe(checksBefore);

    const clients = new InstalledWorkspaceClients(
      installations().installations,
      a.fake.clientOptions(),
      silent,
    );
    const tick = await sendDueDigests(
      digests,
      clients,
      silent,
      new Date(monday9.getTime() + 7 * 86_400_000),
      0,
    );
    expect(tick.notInstalled).toBe(1);
    const posts = a.fake.callsTo("chat.postMessage");
    expect(posts.filter((c) => c.body.channel === "C0SWDIGEST")).toHaveLength(0);
    expect(posts.find((c) => c.body.channel === "C0NWDIGEST")?.token).toBe("xoxb-northwind-reinstall");
  });

  it("a token Slack refuses while posting stops that workspace's posts only, logged once", async () => {
    const digests = await digestsOn();
    await digests.subscribe("T0NORTHWND", "C0NWDIGES2", "U0NWADMIN", "0 9 * * 1", "UTC");
    a.fake.revokedTokens.add("xoxb-northwind-reinstall");
    const lines: string[] = [];
    const logger = createLogger(
      "info",
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const clients = new InstalledWorkspaceClients(
      installations().installations,
      a.fake.clientOptions(),
      logger,
    );
    const week3 = new Date(monday9.getTime() + 14 * 86_400_000);
    await sendDueDigests(digests, clients, logger, week3, 0);
    await sendDueDigests(digests, clients, logger, new Date(week3.getTime() + 60_000), 0);
    const refusedCalls = a.fake.calls.filter((c) => c.token === "xoxb-northwind-reinstall");
    expect(refusedCalls.filter((c) => c.body.channel === "C0NWDIGES2")).toHaveLength(1);
    expect(lines.filter((l) => l.includes("Slack refused this workspace's token"))).toHaveLength(1);
    expect(await a.db.prisma.installation.count({ where: { key: "T0NORTHWND" } })).toBe(0);
    // The organisation's workspace still gets its digest.
    expect(
      a.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C0ACMEDIG").length,
    ).toBeGreaterThan(1);
  });

  it("tokens_revoked for the bot removes the installation; a user token's revocation changes nothing", async () => {
    await install(a, a, SOUTHWIND);
    const userOnly = eventEnvelope("Ev0REVOKE01", {
      type: "tokens_revoked",
      tokens: { oauth: ["U0SWADMIN"] },
    });
    await a.slack.event({ ...userOnly, team_id: "T0SOUTHWND", authorizations: SOUTHWIND_BOT });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await a.db.prisma.installation.count({ where: { key: "T0SOUTHWND" } })).toBe(1);
    const bot = eventEnvelope("Ev0REVOKE02", { type: "tokens_revoked", tokens: { bot: ["U0SWBOT01"] } });
    await a.slack.event({ ...bot, team_id: "T0SOUTHWND", authorizations: SOUTHWIND_BOT });
    await expect.poll(() => a.db.prisma.installation.count({ where: { key: "T0SOUTHWND" } })).toBe(0);
  });
});
