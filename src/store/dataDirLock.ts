import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { StoreError } from "./errors.js";

export const LOCK_FILE = "lead-triage.lock";

interface Holder {
  pid: number;
  command: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const processStart = Date.now() - process.uptime() * 1000;

/** A holder is live when its process runs; a lock with our own pid from before we started (a container
 * restarted as PID 1, say) is stale. */
function isHeld(holder: Holder): boolean {
  if (holder.pid === process.pid) return Date.parse(holder.startedAt) >= processStart - 1000;
  return alive(holder.pid);
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

/** Embedded PostgreSQL serves one process per data directory: a second process must not open it. The lock
 * file names its holder, so the refusal can say what to stop. A lock left by a dead process is taken over. */
export function lockDataDir(dataDir: string, command: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new StoreError(
      `DATA_DIR ${dataDir} cannot be created (${(e as NodeJS.ErrnoException).code}); point DATA_DIR at a writable directory`,
    );
  }
  const path = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") {
        throw new StoreError(
          `DATA_DIR ${dataDir} is not writable (${code}); point DATA_DIR at a writable directory`,
        );
      }
      const holder = readHolder(path);
      if (holder && isHeld(holder)) {
        throw new StoreError(
          `the embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}); ` +
            "stop it first, or set DATABASE_URL to use a PostgreSQL server that several processes can share",
        );
      }
      // Stale: its process is gone.
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first; the next attempt will tell
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    return () => {
      const holder = readHolder(path);
      if (holder?.pid === process.pid) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    };
  }
  throw new StoreError(`could not lock ${path}; another process keeps taking it`);
}
