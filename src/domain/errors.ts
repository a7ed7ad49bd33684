/** Every code an error meant for a person carries, in one place: logs, tests and callers branch on these,
 * never on messages. */
export const ERROR_CODES = [
  /** Environment variables (config.ts). */
  "config",
  /** A command line's usage (cli/). */
  "cli",
  /** Input that names nothing usable (an erasure subject that is neither an address nor a domain). */
  "usage",
  /** The database could not be reached or refused the data. */
  "storage",
  "invalid_rule_set",
  "rule_set_version",
  "reason_change",
  "suggestion_decision",
  /** A digest's schedule or timezone (domain/digest/schedule.ts). */
  "digest_schedule",
  "token_key",
  "empty_lead",
  "lead_too_slow",
  "reader_busy",
  "unknown_check",
  "unknown_reason",
  /** A Slack file link that is not one, or a file over the size limit. */
  "not_slack_file",
  "too_large",
  /** A surface's own time budget ran out (the workflow step). */
  "timeout",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The base of every error meant for a person: a stable `code` (ErrorCode), the process exit code it deserves,
 * and a message that reads on its own (one line, except a rule file's list of problems, one per line). Entry
 * points turn any error into what a person sees with `userFacingError`. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
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
