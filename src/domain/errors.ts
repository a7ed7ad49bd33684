/** The base of every error meant for a person: a stable `code`, the process exit code it deserves, and a
 * message that reads on its own (one line, except a rule file's list of problems, one per line). Entry
 * points turn any error into what a person sees with `userFacingError`. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Exit codes: 1 failure, 2 wrong usage, 3 finished but skipped some input. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_PARTIAL = 3;

/** What a person sees for any error, and the exit code. Unknown errors (a driver's, the ORM's) are cut to
 * their most telling line: their messages can run to many lines and quote the statement's arguments. */
export function userFacingError(e: unknown): { message: string; exitCode: number } {
  if (e instanceof UserError) return { message: e.message, exitCode: e.exitCode };
  const err = e as { message?: unknown; code?: unknown };
  const lines = String(err?.message ?? e)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^Invalid `.*` invocation/.test(l) && !l.startsWith("→"));
  const line = (lines[lines.length - 1] ?? "unknown error").slice(0, 200);
  const code = typeof err?.code === "string" ? ` (${err.code})` : "";
  return { message: `unexpected error${code}: ${line}`, exitCode: EXIT_FAILURE };
}
