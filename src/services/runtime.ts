import type { StorageConfig } from "../config.js";
import { type Database, type Engine, type OpenOptions, openDatabase } from "../store/database.js";
import type { MigrationResult } from "../store/migrate.js";
import type { Repositories } from "./ports/index.js";

/** An open database as the entry points see it: repositories, health, and how to close it; never the ORM. */
export interface Runtime {
  engine: Engine;
  migrations: MigrationResult;
  store: Repositories;
  /** LEAD_HASH_KEY, when set: keys the lead memory's person hashes instead of the database's own key. */
  leadHashKey?: Buffer | undefined;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the configured database (embedded under DATA_DIR, or DATABASE_URL) and brings its schema up to
 * date. `command` names the holder in the embedded database's lock; `thread` runs the embedded database off
 * the caller's event loop. */
export async function openRuntime(
  storage: StorageConfig,
  command: string,
  options: Pick<OpenOptions, "thread"> = {},
): Promise<Runtime> {
  const db: Database = await openDatabase(storage, { command, ...options });
  return {
    engine: db.engine,
    migrations: db.migrations,
    store: db.store,
    ...(storage.leadHashKey ? { leadHashKey: storage.leadHashKey } : {}),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
