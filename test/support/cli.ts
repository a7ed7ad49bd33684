import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** The CLI as users run it, built from these sources by the suites' global set-up. */
export const CLI = ["dist/cli.js"];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI. Checks are not kept unless `env.DATA_DIR`/`env.DATABASE_URL` say where (the storage tests
 * cover keeping them); the embedded database takes seconds to start. */
export async function cli(args: string[], input?: string, env?: Record<string, string>): Promise<CliResult> {
  const noSave = args[0] === "check" && env === undefined ? ["--no-save"] : [];
  const child = run(process.execPath, [...CLI, ...args, ...noSave], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A new temporary directory. */
export const tmp = (): string => mkdtempSync(join(tmpdir(), "lead-triage-cli-"));

/** The environment of a CLI run that keeps its checks, in an embedded database of its own. */
export const keptEnv = (): { DATA_DIR: string } => ({ DATA_DIR: join(tmp(), "data") });
