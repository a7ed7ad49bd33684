import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { installPaths } from "../installPaths.js";
import { StoreError } from "./errors.js";
import type { SqlConnection } from "./sql.js";

/** prisma/migrations at the package root. */
export const MIGRATIONS_DIR = installPaths.migrations;

/** Any constant shared by all instances: the advisory lock that lets one runner migrate at a time. */
const MIGRATION_LOCK_KEY = 72_317_001;

// The table Prisma Migrate keeps, so `prisma migrate status/deploy` agree with what this runner applied.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Applies pending migrations in name order, each in its own transaction, while holding a session advisory
 * lock so that instances starting together migrate one at a time (the second finds nothing to do). A
 * failing migration is rolled back and reported by name; later ones are not attempted. */
export async function migrate(conn: SqlConnection, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await readMigrations());
  await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await conn.exec(HISTORY_TABLE);
    const done = await conn.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const migration of all) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new StoreError(
            `migration ${migration.name} was changed after it was applied (checksum differs); add a new migration instead`,
          );
        }
        result.alreadyApplied++;
        continue;
      }
      const id = randomUUID();
      try {
        await conn.exec("BEGIN");
        await conn.exec(migration.sql);
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, migration.checksum, migration.name],
        );
        await conn.exec("COMMIT");
      } catch (e) {
        await conn.exec("ROLLBACK").catch(() => undefined);
        throw new StoreError(
          `migration ${migration.name} failed and was rolled back: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}
