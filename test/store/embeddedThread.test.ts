import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.js";
import { PortStream } from "../../src/store/embedded/portStream.js";
import { type DatabaseThread, startDatabaseThread } from "../../src/store/embedded/thread.js";
import { workspaceSettings } from "../../src/store/workspaces.js";

/** A data directory; seeded from the template `npm install` built when it is there (initdb takes seconds). */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "lead-triage-thread-"));
  if (existsSync("dist/pgdata-template"))
    cpSync("dist/pgdata-template", join(dir, "pgdata"), { recursive: true });
  return dir;
}

/** The largest delay of a 10 ms timer while `work` runs: how long the event loop was held. */
async function loopLagDuring<T>(work: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 10);
    last = now;
  }, 10);
  try {
    return { result: await work(), lagMs };
  } finally {
    clearInterval(timer);
  }
}

describe("the embedded database on a thread of its own (the app's mode)", () => {
  const dirs: string[] = [];
  let dir = "";
  let db: Database;
  const crashes: Error[] = [];

  beforeAll(async () => {
    dir = dataDir();
    dirs.push(dir);
    db = await openDatabase(
      { databaseUrl: undefined, dataDir: dir },
      { thread: { onCrash: (e) => crashes.push(e) } },
    );
  }, 60_000);

  afterAll(async () => {
    await db?.close().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("is migrated and answers the store, as the in-process database does", async () => {
    expect(db.engine).toBe("pglite");
    expect(await db.ping()).toBe(true);
    const settings = await workspaceSettings(db.prisma, "T0THREAD1");
    expect(settings.retentionDays).toBe(90);
    expect(await db.prisma.workspace.count()).toBe(1);
  });

  it("keeps the event loop free while a slow statement runs", async () => {
    const started = performance.now();
    const { result, lagMs } = await loopLagDuring(
      () => db.prisma.$queryRaw<{ x: number }[]>`SELECT 42 AS x FROM pg_sleep(1)`,
    );
    expect(result).toEqual([{ x: 42 }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    // In-process, PGlite would hold the loop for the whole second.
    expect(lagMs).toBeLessThan(500);
  });

  it("runs concurrent work and transactions: a failed one leaves nothing, a committed one everything", async () => {
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.workspace.create({ data: { id: "T0ROLLBACK" } });
      throw new Error("the rep's request was refused");
    });
    const committed = db.prisma.$transaction(async (tx) => {
      await tx.workspace.create({ data: { id: "T0COMMITTED" } });
      await tx.workspace.update({ where: { id: "T0COMMITTED" }, data: { timezone: "Europe/Lisbon" } });
    });
    const reads = Promise.all(Array.from({ length: 20 }, () => db.prisma.workspace.count()));
    await expect(failing).rejects.toThrow("refused");
    await committed;
    for (const count of await reads) expect(count).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.workspace.findUnique({ where: { id: "T0ROLLBACK" } })).toBeNull();
    expect((await db.prisma.workspace.findUnique({ where: { id: "T0COMMITTED" } }))?.timezone).toBe(
      "Europe/Lisbon",
    );
  });

  it("keeps what was written once closed, and lets the next process open it", async () => {
    await db.close();
    const again = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    try {
      expect(await again.prisma.workspace.count()).toBe(2);
    } finally {
      await again.close();
    }
    expect(crashes).toEqual([]);
  });
});

describe("a thread that cannot open the database", () => {
  it("says which directory failed, releases the lock, and is no crash", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lead-triage-thread-"));
    writeFileSync(join(dir, "pgdata"), "not a database directory");
    const crashes: Error[] = [];
    const open = () =>
      openDatabase({ databaseUrl: undefined, dataDir: dir }, { thread: { onCrash: (e) => crashes.push(e) } });
    try {
      await expect(open()).rejects.toThrow(`the embedded database in ${dir} cannot be opened`);
      // Unlocked: a second attempt fails the same way, not as "in use by process …".
      await expect(open()).rejects.toThrow(`the embedded database in ${dir} cannot be opened`);
      expect(crashes).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the thread's connections", () => {
  let dir = "";
  let thread: DatabaseThread;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({
      stream: () => new PortStream((port) => thread.connect(port)),
      user: "postgres",
      database: "postgres",
    });
    client.on("error", () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = dataDir();
    thread = await startDatabaseThread(
      { pgdata: join(dir, "pgdata"), extraParams: [], seed: false },
      () => undefined,
    );
    const setup = await connect();
    await setup.query("CREATE TABLE leads (id int PRIMARY KEY)");
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await thread?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("never runs one client's statement inside another client's transaction", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query("BEGIN");
    await a.query("INSERT INTO leads VALUES (1)");
    // b waits for a's transaction to end: run inside it, b would count a's row, which a then takes back.
    const seen = b.query<{ n: string }>("SELECT count(*) AS n FROM leads");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.query("ROLLBACK");
    expect((await seen).rows[0]?.n).toBe("0");
    await a.query("INSERT INTO leads VALUES (1)");
  });

  it("rolls back the transaction of a client that went away, and serves the others", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query("BEGIN");
    await a.query("INSERT INTO leads VALUES (2)");
    (a as unknown as { connection: { stream: PortStream } }).connection.stream.destroy();
    const { rows } = await b.query<{ id: number }>("SELECT id FROM leads ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1]);
  });

  it("answers a statement split across writes, and a long result in pieces", async () => {
    const client = await connect();
    const { rows } = await client.query<{ n: number }>("SELECT n FROM generate_series(1, 50000) AS n");
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]?.n).toBe(50_000);
    const text = "x".repeat(200_000);
    const echoed = await client.query<{ t: string }>("SELECT $1::text AS t", [text]);
    expect(echoed.rows[0]?.t).toBe(text);
  });
});
