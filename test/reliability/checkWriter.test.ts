import { Writable } from "node:stream";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { NewCheck } from "../../src/domain/checks.js";
import { createLogger } from "../../src/logger.js";
import { type CheckSink, CheckWriter } from "../../src/services/checkWriter.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { createTriageServices } from "../../src/services/triageLead.js";
import { openDatabase } from "../../src/store/database.js";
import { refusedByDatabase } from "../../src/store/errors.js";
import { testEngines } from "../support/databases.js";

function check(i: number, rawText = `lead ${i}`): NewCheck {
  return {
    workspaceId: "T1",
    inputKind: "command",
    facts: {},
    decision: "pass",
    risk: 0,
    matchedRules: [],
    missing: [],
    ruleSetVersion: 1,
    rawText,
  };
}

/** A store in memory that refuses rows holding "BAD" (as PostgreSQL refuses a NUL byte) and is unreachable
 * while `down` is set. Whole batches fail, as one INSERT does. */
function memorySink() {
  const rows = new Map<string, NewCheck>();
  const state = { down: false, inserts: 0, updates: 0 };
  const sink: CheckSink = {
    async insert(checks) {
      state.inserts++;
      if (state.down) throw new Error("connection refused");
      if (checks.some((c) => c.rawText?.includes("BAD"))) throw new Error("invalid byte sequence");
      for (const c of checks) rows.set(c.id, c);
    },
    async linkMessages(links) {
      state.updates++;
      if (state.down) throw new Error("connection refused");
      for (const l of links) Object.assign(rows.get(l.id) ?? {}, l);
    },
    ping: async () => !state.down,
  };
  return { rows, state, sink };
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { lines, logger };
}

describe("CheckWriter", () => {
  it("isolates a row the database refuses and keeps the rest of its batch", async () => {
    const { rows, sink } = memorySink();
    const { lines, logger } = capture();
    const writer = new CheckWriter(sink, logger, { maxBatch: 60, maxDelayMs: 5 });
    const kept = Array.from({ length: 60 }, (_, i) =>
      writer.keep(check(i, i === 17 ? "BAD lead" : `lead ${i}`)),
    );
    const stored = await Promise.all(kept.map((k) => k.stored));
    expect(stored.filter(Boolean)).toHaveLength(59);
    expect(stored[17]).toBe(false);
    expect(rows.size).toBe(59);
    const lost = lines.filter((l) => l.includes("check not kept"));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toContain(kept[17]?.id);
    expect(lost[0]).toContain("refused by the database");
    expect(lost[0]).not.toContain("BAD lead");
  });

  it("waits out a database outage and keeps every check when it returns", async () => {
    const { rows, state, sink } = memorySink();
    const { logger } = capture();
    const writer = new CheckWriter(sink, logger, { maxBatch: 10, maxDelayMs: 5, retryForMs: 10_000 });
    state.down = true;
    const kept = Array.from({ length: 25 }, (_, i) => writer.keep(check(i)));
    writer.link({ id: (kept[24] as { id: string }).id, channelId: "C1", messageTs: "1.1", threadTs: "1.1" });
    await new Promise((r) => setTimeout(r, 400));
    expect(rows.size).toBe(0);
    state.down = false;
    expect(await Promise.all(kept.map((k) => k.stored))).toEqual(Array(25).fill(true));
    expect(rows.size).toBe(25);
    expect(rows.get((kept[24] as { id: string }).id)).toMatchObject({ messageTs: "1.1" });
  });

  it("gives up after its retry window (or at shutdown), logging each lost check once", async () => {
    const { state, sink } = memorySink();
    const { lines, logger } = capture();
    const lost: string[] = [];
    const writer = new CheckWriter(sink, logger, {
      maxBatch: 10,
      maxDelayMs: 5,
      retryForMs: 60_000,
      onLost: (id) => lost.push(id),
    });
    state.down = true;
    const kept = Array.from({ length: 3 }, (_, i) => writer.keep(check(i)));
    const started = Date.now();
    await writer.close(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await Promise.all(kept.map((k) => k.stored))).toEqual([false, false, false]);
    expect(lost.sort()).toEqual(kept.map((k) => k.id).sort());
    expect(lines.filter((l) => l.includes("check not kept"))).toHaveLength(3);
  });
});

describe("CheckWriter holding a check for its verdict's message", () => {
  it("writes check and message ts in one insert when the link comes in time", async () => {
    const { rows, state, sink } = memorySink();
    const writer = new CheckWriter(sink, capture().logger, { maxDelayMs: 5, linkWaitMs: 1_000 });
    const kept = writer.keep(check(1), { awaitLink: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(rows.size).toBe(0);
    writer.link({ id: kept.id, channelId: "C1", messageTs: "5.5", threadTs: "5.5" });
    expect(await kept.stored).toBe(true);
    expect(rows.get(kept.id)).toMatchObject({ messageTs: "5.5" });
    expect(state.updates).toBe(0);
  });

  it("writes at once when released (a failed post), and by itself when the link never comes", async () => {
    const { rows, sink } = memorySink();
    const writer = new CheckWriter(sink, capture().logger, { maxDelayMs: 5, linkWaitMs: 300 });
    const released = writer.keep(check(2), { awaitLink: true });
    const forgotten = writer.keep(check(3), { awaitLink: true });
    writer.release(released.id);
    expect(await released.stored).toBe(true);
    expect(rows.has(forgotten.id)).toBe(false);
    const started = Date.now();
    expect(await forgotten.stored).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("writes every waiting check on close", async () => {
    const { rows, sink } = memorySink();
    const writer = new CheckWriter(sink, capture().logger, { maxDelayMs: 5, linkWaitMs: 60_000 });
    const kept = Array.from({ length: 5 }, (_, i) => writer.keep(check(i), { awaitLink: true }));
    await writer.close(1_000);
    expect(await Promise.all(kept.map((k) => k.stored))).toEqual(Array(5).fill(true));
    expect(rows.size).toBe(5);
  });
});

const postgres = testEngines().find((e) => e.name === "postgres");

describe.runIf(postgres)("a PostgreSQL that answers but refuses writes (a replica after a failover)", () => {
  it("retries the checks like an outage and keeps every one when writes return", async () => {
    const engine = postgres as NonNullable<typeof postgres>;
    const url = await (engine.freshUrl as () => Promise<string>)();
    const db = await openDatabase({ databaseUrl: url, dataDir: "" });
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    // Every session of the database reconnects read-only, as on a replica: SELECT 1 still answers.
    const failover = async (readOnly: boolean) => {
      await admin.query(
        `ALTER DATABASE ${name} SET default_transaction_read_only = ${readOnly ? "on" : "off"}`,
      );
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [name],
      );
    };
    try {
      const ws = "T0123ABCD";
      await db.store.workspaces.settings(ws);
      const { lines, logger } = capture();
      const services = createTriageServices(db, await loadRuleFile(), logger, { retryForMs: 20_000 });
      await failover(true);
      await expect.poll(() => db.ping(), { timeout: 5_000 }).toBe(true);
      // A known workspace's settings are a read: the replica answers them.
      expect(await db.store.workspaces.settings(ws)).toMatchObject({ retentionDays: 90 });
      const kept = Array.from({ length: 40 }, (_, i) =>
        services.writer.keep({ ...check(i), workspaceId: ws, rawText: `VP Sales ${i} at Acme` }),
      );
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await db.prisma.check.count()).toBe(0);
      await failover(false);
      expect(await Promise.all(kept.map((k) => k.stored))).toEqual(kept.map(() => true));
      expect(await db.prisma.check.count()).toBe(40);
      expect(lines.join("")).not.toContain("check not kept");
      expect(lines.join("")).toContain("database unavailable; retrying");
      await services.close(1_000);
    } finally {
      await admin.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`).catch(() => undefined);
      await admin.end();
      await db.close();
      await engine.dispose();
    }
  });
});

describe("what a failed write says of itself", () => {
  const prismaError = (code: string) => ({
    code: "P2010",
    meta: { driverAdapterError: { cause: { originalCode: code, kind: "postgres" } } },
  });
  it.each([
    ["25006", true, "read-only transaction (a replica)"],
    ["57P01", true, "admin shutdown"],
    ["08006", true, "connection failure"],
    ["53100", true, "disk full"],
    ["40001", true, "serialization failure"],
    ["23505", false, "unique violation"],
    ["22021", false, "a byte the encoding refuses"],
  ])("SQLSTATE %s: the whole database refused? %s (%s)", (code, byDatabase) => {
    expect(refusedByDatabase(prismaError(code))).toBe(byDatabase);
    expect(refusedByDatabase({ cause: { code } })).toBe(byDatabase);
  });
  it("says nothing when the error names no SQLSTATE (the ping decides)", () => {
    expect(refusedByDatabase(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBeUndefined();
    expect(refusedByDatabase({ code: "P2002" })).toBeUndefined();
  });
});
