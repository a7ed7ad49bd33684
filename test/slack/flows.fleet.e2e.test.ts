import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { InboundService } from "../../src/services/inbound/endpoints.js";
import { signedHeaders } from "../../src/services/inbound/signatures.js";
import { OutboundDelivery } from "../../src/services/outbound/delivery.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { openDatabase } from "../../src/store/database.js";
import { testEngines } from "../support/databases.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { type Harness, startHarness } from "./harness.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

describe.each(engines)("inbound leads on $name, two instances", (engine) => {
  it("shares one queue: every lead accepted at either instance is posted exactly once", async () => {
    const a: Harness = await startHarness(engine, { config: { inboundRatePerSecond: 200 } });
    const b: Harness = await startHarness(engine, {
      config: { inboundRatePerSecond: 200 },
      shared: { db: a.db, fake: a.fake },
    });
    try {
      // Set up as an admin's command does: a real sealed secret, in the database both instances share.
      const { id, secret } = await new InboundService(a.db.store).setup("T0001", "C0FLEET01", "U04ADMIN1");
      const leads = Array.from({ length: 60 }, (_, i) =>
        JSON.stringify({
          email: `ops${i}@meridianfreight.com`,
          company: "Meridian Freight",
          title: "Head of Ops",
        }),
      );
      const answers = await Promise.all(
        leads.map(async (body, i) => {
          const port = i % 2 === 0 ? a.port : b.port;
          const res = await fetch(`http://127.0.0.1:${port}/leads/${id}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...signedHeaders(secret, body) },
            body,
          });
          return { status: res.status, json: (await res.json()) as { id: string } };
        }),
      );
      expect(answers.every((x) => x.status === 202)).toBe(true);
      const ids = new Set(answers.map((x) => x.json.id));
      const verdicts = () =>
        a.fake
          .callsTo("chat.postMessage")
          .filter((c) => c.body.channel === "C0FLEET01")
          .map((c) => /verdict:([0-9a-f-]{36})/.exec(JSON.stringify(c.body.blocks))?.[1]);
      await a.fake.waitFor(() => (verdicts().length >= 60 ? true : undefined), 30_000);
      const start = Date.now();
      while (Date.now() - start < 20_000) {
        const settled = await a.db.prisma.inboundLead.count({ where: { status: "posted", endpointId: id } });
        if (settled === 60) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(verdicts()).toHaveLength(60);
      expect(new Set(verdicts())).toEqual(ids);
      expect(await a.db.prisma.inboundLead.count({ where: { status: "posted", endpointId: id } })).toBe(60);
      expect(await a.db.prisma.check.count({ where: { channelId: "C0FLEET01" } })).toBe(60);
    } finally {
      await b.stop();
      await a.stop();
    }
  }, 120_000);
});

describe.each(engines)("outbound events on $name, two instances", (engine) => {
  it("share one queue: every event is delivered exactly once", async () => {
    const db = await engine.fresh();
    const received: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        received.push(String(req.headers["x-lead-triage-event-id"]));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const services = async () =>
      createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, await loadRuleFile()), {
        allowPrivateOutboundUrls: true,
      }).outbound;
    const outbound = await services();
    await outbound.set("T0001", `http://127.0.0.1:${port}/hook`, "U04ADMIN1", { includeText: false });
    for (let i = 0; i < 40; i++)
      await db.store.checks.insert([
        {
          workspaceId: "T0001",
          inputKind: "command",
          facts: { company: `Fleet ${i}` },
          decision: "pass",
          risk: 0,
          matchedRules: [],
          missing: [],
          ruleSetVersion: 1,
        },
      ]);
    const options = { pollMs: 50, perWorkspace: 4 };
    const instances = [
      new OutboundDelivery(db.store, outbound, createLogger("silent"), options),
      new OutboundDelivery(db.store, await services(), createLogger("silent"), options),
    ];
    for (const instance of instances) instance.start();
    try {
      const start = Date.now();
      const delivered = () => db.prisma.outboundEvent.count({ where: { status: "delivered" } });
      // Every event received and recorded as delivered (the record follows the answer), then a while for a
      // second delivery of any of them to show up.
      while ((received.length < 40 || (await delivered()) < 40) && Date.now() - start < 20_000)
        await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toHaveLength(40);
      expect(new Set(received).size).toBe(40);
      expect(await delivered()).toBe(40);
    } finally {
      for (const instance of instances) await instance.stop(1_000);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 60_000);
});

const run = promisify(execFile);

/** `lead-triage inbound send`, as a user runs it; resolves to its exit code and output. */
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/cli.js", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("lead-triage inbound send", () => {
  const lead = join(mkdtempSync(join(tmpdir(), "lead-triage-inbound-")), "lead.json");
  writeFileSync(
    lead,
    JSON.stringify({ email: "e.varga@dunaprint.hu", company: "Duna Print", title: "Owner" }),
  );

  it("signs a lead file and posts it to a running app, with the endpoint and secret given", async () => {
    const engine = engines[0] as (typeof engines)[number];
    const h = await startHarness(engine);
    try {
      const { id, secret } = await new InboundService(h.db.store).setup("T0001", "C0CLI0001", "U04ADMIN1");
      const url = `http://127.0.0.1:${h.port}`;
      const sent = await cli(["inbound", "send", lead, "--endpoint", id, "--secret", secret, "--url", url]);
      expect(sent.code).toBe(0);
      expect(sent.stdout).toMatch(/^202 \{"id":"[0-9a-f-]{36}","status":"accepted"\}/);
      const wrong = await cli([
        "inbound",
        "send",
        lead,
        "--endpoint",
        id,
        "--secret",
        `${secret}x`,
        "--url",
        url,
      ]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stdout).toContain('401 {"error":"signature does not match"}');
      const missing = await cli([
        "inbound",
        "send",
        "no-such-lead.json",
        "--endpoint",
        id,
        "--secret",
        secret,
      ]);
      expect(missing.stderr).toContain("no-such-lead.json: file not found");
      await h.fake.waitFor(() =>
        h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0CLI0001" && c.body.blocks),
      );
    } finally {
      await h.stop();
    }
  }, 120_000);

  it.runIf(engines.some((e) => e.freshUrl))(
    "reads the workspace's endpoint and secret from PostgreSQL when only the workspace is named; replays events",
    async () => {
      const engine = engines.find((e) => e.freshUrl) as (typeof engines)[number];
      const url = await (engine.freshUrl as () => Promise<string>)();
      const db = await openDatabase({ databaseUrl: url, dataDir: "" });
      const fake = new FakeSlack();
      await fake.start();
      const h = await startHarness(engine, { shared: { db, fake } });
      try {
        const noEndpoint = await cli(["inbound", "send", lead, "--workspace", "T0001"], {
          DATABASE_URL: url,
        });
        expect(noEndpoint.stderr).toContain("workspace T0001 has no lead endpoint");
        await new InboundService(db.store).setup("T0001", "C0CLI0002", "U04ADMIN1");
        const sent = await cli(
          ["inbound", "send", lead, "--workspace", "T0001", "--url", `http://127.0.0.1:${h.port}`],
          { DATABASE_URL: url },
        );
        expect(sent.code).toBe(0);
        expect(sent.stdout).toMatch(/^202 /);
        await new InboundService(db.store).setup("T0001", "C0CLI0003", "U04ADMIN1");
        const two = await cli(["inbound", "send", lead, "--workspace", "T0001"], { DATABASE_URL: url });
        expect(two.stderr).toContain("has 2 endpoints: name one with --endpoint");

        // `outbound replay` queues again what happened since a date, for the workspaces with an outbound URL.
        const badDate = await cli(["outbound", "replay", "--since", "last week"], { DATABASE_URL: url });
        expect(badDate.stderr).toContain("--since last week: give a date like 2026-12-01");
        const none = await cli(["outbound", "replay", "--since", "2020-01-01"], { DATABASE_URL: url });
        expect(none.stdout).toContain("queued 0 event(s) since 2020-01-01");
        await createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, await loadRuleFile()), {
          allowPrivateOutboundUrls: true,
        }).outbound.set("T0001", "http://127.0.0.1:9/hook", "U04ADMIN1", { includeText: false });
        // The lead sent above is triaged and kept by now (or shortly).
        let checks = 0;
        for (let i = 0; i < 200 && checks === 0; i++) {
          checks = await db.prisma.check.count({ where: { workspaceId: "T0001" } });
          if (checks === 0) await new Promise((r) => setTimeout(r, 25));
        }
        expect(checks).toBeGreaterThan(0);
        const replayed = await cli(["outbound", "replay", "--since", "2020-01-01", "--workspace", "T0001"], {
          DATABASE_URL: url,
        });
        expect(replayed.stdout).toContain(`queued ${checks} event(s) since 2020-01-01 for T0001`);
      } finally {
        await h.stop();
        await fake.stop();
        await db.close();
      }
    },
    120_000,
  );
});
