import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { installPaths } from "../../installPaths.js";
import { lockDataDir } from "../dataDirLock.js";
import { StoreError } from "../errors.js";

/** A migrated empty database directory built at install (scripts/build-template.mjs), next to the code. */
const TEMPLATE = installPaths.databaseTemplate;

/** Postgres's shared buffers are allocated (and touched) at start inside PGlite's memory: its default of
 * 128 MB is most of an idle app's footprint. A single-user embedded database reads through the operating
 * system's file cache anyway (measured in bench/RESULTS.md). Added to PGlite's own start parameters. */
export const EMBEDDED_PARAMS = ["-c", "shared_buffers=16MB"];

/** The database's own directory inside DATA_DIR. */
export const pgdataOf = (dataDir: string): string => join(dataDir, "pgdata");

/** A new data directory starts as a copy of the install-time template (no initdb, no migrations to replay)
 * when it is there; otherwise PGlite creates it from scratch. The copy is renamed into place, so a run
 * stopped mid-copy leaves no half database behind. The caller holds the data directory's lock. */
export function seedFromTemplate(pgdata: string): void {
  if (existsSync(pgdata) || !existsSync(TEMPLATE)) return;
  const dir = dirname(pgdata);
  mkdirSync(dir, { recursive: true });
  // Copies left by runs killed mid-copy: the data directory is locked, so no other process is copying now.
  const prefix = `${basename(pgdata)}.partial-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  const partial = `${pgdata}.partial-${process.pid}`;
  cpSync(TEMPLATE, partial, { recursive: true });
  renameSync(partial, pgdata);
}

/** Locks DATA_DIR (one process per data directory) and opens the database in it with `open`; a failure unlocks
 * and says which directory could not be opened. The caller unlocks once it closes what was opened. */
export async function openLocked<T>(
  dataDir: string,
  command: string,
  open: (pgdata: string) => Promise<T>,
): Promise<{ opened: T; unlock: () => void }> {
  const unlock = lockDataDir(dataDir, command);
  try {
    return { opened: await open(pgdataOf(dataDir)), unlock };
  } catch (e) {
    unlock();
    throw new StoreError(`the embedded database in ${dataDir} cannot be opened: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
