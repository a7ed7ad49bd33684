import { UserError } from "../domain/errors.js";

/** A storage problem the operator can act on; the message is one line, no stack needed. */
export class StoreError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "storage", 1, options);
  }
}

/** The SQLSTATE of a database error, wherever the driver or Prisma put it. */
export function sqlState(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (value === null || typeof value !== "object" || depth > 5 || seen.has(value)) return undefined;
    seen.add(value);
    const v = value as Record<string, unknown>;
    for (const key of ["originalCode", "code"]) {
      const code = v[key];
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) return code;
    }
    for (const key of ["meta", "driverAdapterError", "cause"]) {
      const found = visit(v[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(e, 0);
}

/** SQLSTATE classes that mean the database, not the statement, refused: connection trouble (08), a
 * read-only or aborted transaction (25: a replica after a failover), a rollback to retry (40, serialization
 * or deadlock), no resources (53: disk full, too many connections), an operator's shutdown or cancel (57),
 * a system error (58), a lock not available now (55). */
const DATABASE_REFUSALS = new Set(["08", "25", "40", "53", "55", "57", "58"]);

/** True when a failed write was refused by the database as a whole (retry it like an outage), false when the
 * database refused this statement's data (a constraint, a bad value: retrying cannot help), undefined when
 * the error does not say. A replica answers `SELECT 1` while refusing every write, so a ping cannot tell. */
export function refusedByDatabase(e: unknown): boolean | undefined {
  const state = sqlState(e);
  if (state === undefined) return undefined;
  return DATABASE_REFUSALS.has(state.slice(0, 2));
}
