import { randomBytes } from "node:crypto";
import {
  createWriteStream,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { CliError } from "./errors.js";

const OPEN_FAILURES: Record<string, string> = {
  EISDIR: "is a directory; give a file name",
  ENOENT: "its folder does not exist",
  EACCES: "permission denied",
  EROFS: "the file system is read-only",
};

/** Where a path really leads: links resolved, and for a file not made yet, its folder's real path. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** True when the two paths name one file: the same real path, or the same inode (a hard link). */
export function sameFile(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** An output file written whole or not at all: the data goes to a temporary file beside it, renamed over the
 * target by `commit()`; `discard()` (after a failure) removes it, so a failed run never leaves a half-written
 * or empty file, nor replaces a good one. */
export interface OutputFile {
  stream: Writable;
  commit(): Promise<void>;
  discard(): void;
}

function temporaryBeside(path: string): string {
  return join(
    dirname(resolve(path)),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
}

function openFailure(flag: string, path: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  return new CliError(`${flag} ${path}: ${OPEN_FAILURES[code] ?? `cannot be written (${code})`}`);
}

/** Refuses a path that is a folder, in one line (other open failures come when the file is made). */
function refuseDirectory(flag: string, path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw openFailure(flag, path, e);
  }
}

/** Refuses an output that is one of the inputs (the run would read what it is overwriting). */
export function refuseOverwritingInput(flag: string, path: string, inputs: readonly string[]): void {
  const input = inputs.find((i) => sameFile(i, path));
  if (input !== undefined)
    throw new CliError(
      `${flag} ${path} is the input file: write the triaged copy elsewhere (e.g. ${flag} ${basename(path).replace(/(\.[^.]*)?$/, "-triaged$1")})`,
    );
}

/** Opens `path` for a streamed output (checked now, so a bad path is one clear line before any work). */
export function openOutputFile(flag: string, path: string, inputs: readonly string[] = []): OutputFile {
  refuseOverwritingInput(flag, path, inputs);
  refuseDirectory(flag, path);
  const temporary = temporaryBeside(path);
  let fd: number;
  try {
    fd = openSync(temporary, "wx", 0o644);
  } catch (e) {
    throw openFailure(flag, path, e);
  }
  const stream = createWriteStream(temporary, { fd });
  let settled = false;
  return {
    stream,
    async commit() {
      if (!stream.writableFinished)
        await new Promise<void>((done, fail) => stream.once("finish", done).once("error", fail));
      settled = true;
      renameSync(temporary, path);
    },
    discard() {
      if (settled) return;
      settled = true;
      stream.destroy();
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    },
  };
}

/** Writes a whole file atomically (a temporary file renamed over the target). */
export function writeFileAtomically(flag: string, path: string, data: string): void {
  refuseDirectory(flag, path);
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, data, { flag: "wx", mode: 0o644 });
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never made.
    }
    throw openFailure(flag, path, e);
  }
}
