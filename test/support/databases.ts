import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { attachPglite, type Database, openDatabase } from "../../src/store/database.js";

/** A database engine the store suites run against: PGlite always, a PostgreSQL server when
 * TEST_DATABASE_URL is set (CI sets it). Every `fresh()` is an empty, migrated database of its own. */
export interface TestEngine {
  name: string;
  fresh(): Promise<Database>;
  /** A raw URL of a fresh, unmigrated database (server engines only). */
  freshUrl?(): Promise<string>;
  dispose(): Promise<void>;
}

function pgliteEngine(): TestEngine {
  // Starting PGlite runs initdb (seconds); loading a dump of a migrated database takes under one.
  let template: Promise<File | Blob> | undefined;
  const open: Database[] = [];
  const migratedTemplate = async () => {
    const db = await PGlite.create();
    await (await attachPglite(db)).close();
    const dump = await db.dumpDataDir("none");
    await db.close();
    return dump;
  };
  return {
    name: "pglite",
    async fresh() {
      template ??= migratedTemplate();
      const db = await PGlite.create({ loadDataDir: await template });
      const database = await attachPglite(db, { onClose: () => db.close() });
      open.push(database);
      return database;
    },
    async dispose() {
      await Promise.all(open.map((db) => db.close().catch(() => undefined)));
    },
  };
}

function postgresEngine(adminUrl: string): TestEngine {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const freshUrl = async () => {
    const name = `lead_triage_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const open: Database[] = [];
  return {
    name: "postgres",
    freshUrl,
    async fresh() {
      const db = await openDatabase({ databaseUrl: await freshUrl(), dataDir: "" });
      open.push(db);
      return db;
    },
    async dispose() {
      await Promise.all(open.map((db) => db.close().catch(() => undefined)));
      await admin(async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteEngine(), postgresEngine(url)] : [pgliteEngine()];
}
