import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** Plain SQL over either engine, beside Prisma: what the migration runner needs, and the bulk insert of checks
 * (its one JSON parameter is hundreds of kilobytes, which Prisma's debug history would keep alive). */
export interface SqlConnection {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
  };
}

export function pgConnection(client: pg.Client | pg.PoolClient | pg.Pool): SqlConnection {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
  };
}
