import { pino } from "pino";

/** Structured logs. Lead text, emails, tokens and secrets never belong in a log: these paths are redacted
 * should one slip into a log call. */
export const REDACT_PATHS = [
  "text",
  "rawText",
  "leadText",
  "email",
  "facts",
  "token",
  "*.token",
  "*.text",
  "*.email",
  "*.rawText",
  "password",
  "signingSecret",
  "databaseUrl",
  "headers.authorization",
];

export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;

/** What to log of an error: its kind, code and first line. Driver and ORM errors can quote the statement's
 * arguments (lead text, emails) on later lines; those never reach the logs. */
export function errorSummary(e: unknown): { name: string; code?: string; message: string } {
  const err = e as { name?: unknown; code?: unknown; message?: unknown };
  const first = String(err?.message ?? e)
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.length > 0);
  return {
    name: typeof err?.name === "string" ? err.name : "Error",
    ...(typeof err?.code === "string" ? { code: err.code } : {}),
    message: (first ?? "").slice(0, 200),
  };
}
