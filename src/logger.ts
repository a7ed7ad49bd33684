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
