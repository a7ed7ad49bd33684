import { resolve } from "node:path";
import { z } from "zod";

/** Raised for configuration that cannot work; the message is one line that names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^postgres(?:ql)?:\/\/[^\s]+$/.test(v), {
      message: "must be a PostgreSQL URL like postgres://user:password@host:5432/database",
    }),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface StorageConfig {
  /** PostgreSQL server URL; undefined means the embedded database under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export interface Config {
  storage: StorageConfig;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
}

/** The one place that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  return {
    storage: { databaseUrl: parsed.data.DATABASE_URL, dataDir: resolve(parsed.data.DATA_DIR) },
    logLevel: parsed.data.LOG_LEVEL,
  };
}
