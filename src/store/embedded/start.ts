import { lockDataDir } from "../dataDirLock.js";
import { StoreError } from "../errors.js";
import { EMBEDDED_PARAMS, pgdataOf } from "./dataDir.js";
import { type DatabaseThread, startDatabaseThread } from "./thread.js";

/** The embedded database started on its thread, with the data directory locked for this process. */
export interface StartedDatabase {
  thread: DatabaseThread;
  unlock: () => void;
}

/** Locks DATA_DIR (one process per data directory), then starts the thread, which seeds a new directory from
 * the install-time template (off the main thread: 40 MB) and opens PGlite. */
export async function startEmbedded(
  dataDir: string,
  command: string,
  onCrash: (error: Error) => void,
): Promise<StartedDatabase> {
  const unlock = lockDataDir(dataDir, command);
  try {
    const thread = await startDatabaseThread(
      { pgdata: pgdataOf(dataDir), extraParams: EMBEDDED_PARAMS, seed: true },
      onCrash,
    );
    return { thread, unlock };
  } catch (e) {
    unlock();
    throw new StoreError(`the embedded database in ${dataDir} cannot be opened: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
