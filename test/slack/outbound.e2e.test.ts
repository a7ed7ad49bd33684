import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { verifySignature } from "../../src/services/inbound/signatures.js";
import { OutboundDelivery } from "../../src/services/outbound/delivery.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { blockActionPayload } from "../support/slackPayloads.js";
import { commandFields, useSlackHarness } from "./harness.js";
import { LEAD, verdictIn } from "./outcomeSteps.js";

const h = useSlackHarness();
const ADMIN = "U04ADMIN1";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  json: Record<string, unknown> & { check: Record<string, unknown>; outcome?: Record<string, unknown> };
  answered: number;
}

/** A webhook receiver on 127.0.0.1: records every request; each path answers as its script says (a status per
 * request in turn, then 200), or never ("hang"). */
class FakeReceiver {
  readonly received: Received[] = [];
  readonly scripts = new Map<string, (number | "hang")[]>();
  private server: Server | undefined;
  private readonly hanging: ServerResponse[] = [];
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        const next = this.scripts.get(path)?.shift() ?? 200;
        const body = Buffer.concat(chunks).toString("utf8");
        if (next === "hang") {
          this.hanging.push(res);
          return;
        }
        this.received.push({ path, headers: req.headers, body, json: JSON.parse(body), answered: next });
        res.writeHead(next, { "content-type": "text/plain" });
        res.end(next < 300 ? "ok" : "receiver failure");
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  delivered(path: string, type?: string): Received[] {
    return this.received.filter(
      (r) => r.path === path && r.answered < 300 && (!type || r.json.type === type),
    );
  }
}

const receiver = new FakeReceiver();
let delivery: OutboundDelivery;

beforeAll(async () => {
  await receiver.start();
  const { outbound } = createOutcomeServices(
    h.db.store,
    new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
    {
      allowPrivateOutboundUrls: true,
    },
  );
  delivery = new OutboundDelivery(h.db.store, outbound, createLogger("silent"), {
    pollMs: 100,
    timeoutMs: 800,
    backoffMs: () => 150,
  });
  delivery.start();
});

afterAll(async () => {
  await delivery.stop(500);
  await receiver.stop();
});

async function command(text: string, user = ADMIN, channel = "C0SALES01") {
  h.fake.workspaceAdmins.add(ADMIN);
  const id = `ob-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields(text, h.fake, { user_id: user, channel_id: channel, response_url: h.fake.responseUrl(id) }),
  );
  return String((await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body.text);
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("outbound events: verdicts and outcomes reach an outside URL, signed, reliably", () => {
  let secret = "";

  it("sends each verdict and outcome, signed with the secret the admin was shown, with no raw text or email", async () => {
    expect(await command(`outbound set ${receiver.url}/crm`, "U0REP0001")).toContain("Only admins");
    const answer = await command(`outbound set <${receiver.url}/crm>`);
    secret = /\*Signing secret:\* `([^`]+)`/.exec(answer)?.[1] as string;
    expect(secret).toMatch(/^lts_/);
    expect(answer).toContain("X-Lead-Triage-Signature");

    const { check } = await verdictIn(h, "C0SALES01");
    const verdict = await until(() =>
      receiver.delivered("/crm", "verdict.created").find((r) => r.json.check.id === check.id),
    );
    const signature = verifySignature(
      { method: "POST", urls: [], headers: verdict.headers, body: Buffer.from(verdict.body) },
      secret,
    );
    expect(signature).toEqual({ ok: true, scheme: "lead-triage" });
    expect(verdict.headers["x-lead-triage-event"]).toBe("verdict.created");
    expect(verdict.headers["x-lead-triage-event-id"]).toBe(verdict.json.id);
    expect(verdict.json.workspaceId).toBe("T0001");
    expect(verdict.json.check).toMatchObject({
      decision: check.decision,
      risk: check.risk,
      source: "command",
      slackUrl: `https://slack.com/archives/C0SALES01/p${check.messageTs.replace(".", "")}`,
    });
    expect((verdict.json.check.redFlags as unknown[]).length).toBeGreaterThan(0);
    // Facts, never the person: no raw text, no address, no name unless the workspace asked for the words.
    expect(verdict.body).not.toContain("sam@ortizdesign.com");
    expect(verdict.body).not.toContain("Sam Ortiz");
    expect(verdict.json.check.text).toBeUndefined();

    await command(`outcome ${check.id} lost no budget`, "U2147483697");
    const outcome = await until(() =>
      receiver.delivered("/crm", "outcome.recorded").find((r) => r.json.check.id === check.id),
    );
    expect(outcome.json.outcome).toMatchObject({
      kind: "lost",
      reason: "no_budget",
      reportedBy: "U2147483697",
    });

    // A thread reply that reported an outcome is deleted: the outcome is withdrawn, and the CRM is told.
    await h.db.store.outcomes.record({ checkId: check.id, kind: "won", sourceTs: "1733400000.000200" });
    await h.db.store.outcomes.withdrawBySource(check.id, "1733400000.000200");
    const withdrawn = await until(() =>
      receiver.delivered("/crm", "outcome.withdrawn").find((r) => r.json.check.id === check.id),
    );
    expect(withdrawn.json.outcome).toMatchObject({ kind: "won" });

    const status = await command("outbound status");
    expect(status).toMatch(/\d+ delivered, \d+ waiting, 0 failed/);
  });

  it("adds the lead's words only with-text; a receiver that fails is tried again and gets the event once, under one id", async () => {
    expect(await command(`outbound set ${receiver.url}/flaky with-text`)).toContain(
      "The signing secret is unchanged",
    );
    receiver.scripts.set("/flaky", [500, 503]);
    const { check } = await verdictIn(h, "C0SALES02");
    const ok = await until(() =>
      receiver.delivered("/flaky", "verdict.created").find((r) => r.json.check.id === check.id),
    );
    const tries = receiver.received.filter((r) => r.path === "/flaky" && r.json.check.id === check.id);
    expect(tries.map((r) => r.answered)).toEqual([500, 503, 200]);
    expect(new Set(tries.map((r) => r.json.id)).size).toBe(1);
    expect(ok.json.check.text).toBe(LEAD);
    await new Promise((r) => setTimeout(r, 400));
    expect(
      receiver.delivered("/flaky", "verdict.created").filter((r) => r.json.check.id === check.id),
    ).toHaveLength(1);
    // The sender records the delivery after the receiver answered: wait for the record, not a fixed time.
    const row = await until(async () => {
      const event = await h.db.prisma.outboundEvent.findFirstOrThrow({
        where: { checkId: check.id, type: "verdict.created" },
      });
      return event.status === "delivered" ? event : undefined;
    });
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200 });
  });

  it("a receiver that hangs holds its own workspace's slots only: another workspace's events still go at once", async () => {
    // This test's instance waits 20 s for an answer and sends 4 events at once; T0002's receiver never answers.
    // Without the per-workspace cap its 12 events would fill all 4 slots for 20 s.
    await delivery.stop(500);
    const { outbound } = createOutcomeServices(
      h.db.store,
      new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
      { allowPrivateOutboundUrls: true },
    );
    const patient = new OutboundDelivery(h.db.store, outbound, createLogger("silent"), {
      pollMs: 100,
      timeoutMs: 20_000,
      concurrency: 4,
      perWorkspace: 2,
    });
    try {
      await outbound.set("T0002", `${receiver.url}/hangs`, ADMIN, { includeText: false });
      receiver.scripts.set(
        "/hangs",
        Array.from({ length: 100 }, () => "hang" as const),
      );
      for (let i = 0; i < 12; i++)
        await h.db.store.checks.insert([
          {
            workspaceId: "T0002",
            inputKind: "command",
            facts: { company: `Stalled ${i}` },
            decision: "pass",
            risk: 0,
            matchedRules: [],
            missing: [],
            ruleSetVersion: 1,
          },
        ]);
      await command(`outbound set ${receiver.url}/crm`);
      patient.start();
      // T0002's first two events are now hanging.
      await until(
        async () =>
          (await h.db.prisma.outboundEvent.count({ where: { workspaceId: "T0002", attempts: 1 } })) === 2,
      );
      const started = Date.now();
      const { check } = await verdictIn(h, "C0SALES03");
      await until(() =>
        receiver.delivered("/crm", "verdict.created").find((r) => r.json.check.id === check.id),
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      const stalled = await h.db.prisma.outboundEvent.findMany({ where: { workspaceId: "T0002" } });
      expect(stalled.every((e) => e.status === "pending")).toBe(true);
      // Only two of them were ever tried: the cap held while they hung.
      expect(stalled.filter((e) => e.attempts > 0)).toHaveLength(2);
      await outbound.remove("T0002");
      expect(await h.db.prisma.outboundEvent.count({ where: { workspaceId: "T0002" } })).toBe(0);
    } finally {
      await patient.stop(200);
      receiver.scripts.delete("/hangs");
      delivery.start();
    }
  });

  it("gives up after a day, lists the dead events on the Home tab, and an admin's Retry sends them once", async () => {
    await command(`outbound set ${receiver.url}/down`);
    // The receiver is down until the admin has fixed it (below).
    receiver.scripts.set(
      "/down",
      Array.from({ length: 10_000 }, () => 500),
    );
    const { check } = await verdictIn(h, "C0SALES04");
    const event = await until(() =>
      h.db.prisma.outboundEvent
        .findFirst({ where: { checkId: check.id, type: "verdict.created" } })
        .then((e) => e ?? undefined),
    );
    // A day of tries has passed.
    await h.db.prisma.outboundEvent.update({
      where: { id: event.id },
      data: { triesSince: new Date(Date.now() - 25 * 3_600_000) },
    });
    await until(
      async () =>
        (await h.db.prisma.outboundEvent.findUnique({ where: { id: event.id } }))?.status === "dead",
    );
    const home = await h.db.store.outbound.dead("T0001", 5);
    expect(home.events.map((e) => e.id)).toContain(event.id);

    // Someone who is not an admin presses Retry: nothing moves, and the Home tab says why.
    const press = (user: string) =>
      h.slack.interaction(
        blockActionPayload({
          team: "T0001",
          user,
          actionId: `outbound_retry:${event.id}`,
          blockId: "dead-events",
          value: event.id,
          channel: "D0HOME001",
          responseUrl: h.fake.responseUrl(`retry-${user}`),
        }),
      );
    const published = h.fake.callsTo("views.publish").length;
    await press("U0REP0001");
    const refusal = await h.fake.waitFor(() => h.fake.callsTo("views.publish").slice(published)[0]);
    expect(JSON.stringify(refusal.body)).toContain("Only admins");
    // The Home tab lists the dead event with its own Retry button, and one for all.
    expect(JSON.stringify(refusal.body)).toContain(`outbound_retry:${event.id}`);
    expect(JSON.stringify(refusal.body)).toContain("did not reach");
    expect((await h.db.prisma.outboundEvent.findUnique({ where: { id: event.id } }))?.status).toBe("dead");

    receiver.scripts.set("/down", []);
    await press(ADMIN);
    await until(() => receiver.delivered("/down", "verdict.created").find((r) => r.json.id === event.id));
    // The sender records the delivery once the receiver's answer is back: a moment after the receiver saw it.
    const status = async () =>
      (await h.db.prisma.outboundEvent.findUnique({ where: { id: event.id } }))?.status;
    await until(async () => ((await status()) === "delivered" ? true : undefined), 5_000).catch(
      () => undefined,
    );
    expect(await status()).toBe("delivered");
    expect(JSON.stringify(h.fake.callsTo("views.publish").at(-1)?.body)).toContain(
      "Sending 1 event(s) again",
    );
  });

  it("replays what happened since a date as new events, and sends nothing for CRM imports", async () => {
    await command(`outbound set ${receiver.url}/replay`);
    const before = await h.db.prisma.outboundEvent.count();
    await h.db.store.checks.insert([
      {
        workspaceId: "T0001",
        inputKind: "import",
        facts: { company: "Imported Co" },
        decision: "pass",
        risk: 0,
        matchedRules: [],
        missing: [],
        ruleSetVersion: 1,
      },
    ]);
    expect(await h.db.prisma.outboundEvent.count()).toBe(before);
    const { outbound } = createOutcomeServices(
      h.db.store,
      new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
    );
    const checks = await h.db.prisma.check.count({
      where: { workspaceId: "T0001", inputKind: { not: "import" } },
    });
    const outcomes = await h.db.prisma.outcome.count({
      where: { isCurrent: true, check: { workspaceId: "T0001" } },
    });
    expect(await outbound.replay(new Date(Date.now() - 3_600_000), "T0001")).toBe(checks + outcomes);
    await until(() => (receiver.delivered("/replay").length >= checks + outcomes ? true : undefined));
  });

  it("refuses URLs that cannot be one, and stops when turned off", async () => {
    expect(await command("outbound set not a url")).toContain("That URL won't do");
    expect(await command("outbound set https://user:pw@crm.example.com/hook")).toContain(
      "leave credentials out",
    );
    expect(await command("outbound off")).toContain("Nothing is sent outside Slack any more");
    const before = await h.db.prisma.outboundEvent.count();
    await h.slack.command(commandFields(LEAD, h.fake, { channel_id: "C0SALES05" }));
    await until(async () =>
      (await h.db.prisma.check.count({ where: { channelId: "C0SALES05" } })) === 1 ? true : undefined,
    );
    expect(await h.db.prisma.outboundEvent.count()).toBe(before);
  });
});
