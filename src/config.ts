import { resolve } from "node:path";
import { z } from "zod";
import { UserError } from "./domain/errors.js";

/** Raised for configuration that cannot work; the message is one line that names the variable. */
export class ConfigError extends UserError {
  constructor(message: string) {
    super(message, "config");
  }
}

/** The environment without its empty variables: `LLM_MODEL=` (as compose files and CI pass them) means unset,
 * for every variable alike. */
export function setVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1] ?? "").trim() !== ""),
  );
}

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

/** 32 bytes in base64: 43 characters and one "=". */
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;
/** An optional 32-byte key, given in base64. */
const optionalKey = optionalString.refine((v) => v === undefined || BASE64_KEY.test(v), {
  message: "must be 32 random bytes in base64, e.g. the output of: openssl rand -base64 32",
});

/** Keys that seal Slack tokens at rest: the current one, and older ones that still open what they sealed. */
const tokenKeysSchema = z.object({
  TOKEN_ENCRYPTION_KEY: optionalKey,
  TOKEN_ENCRYPTION_OLD_KEYS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/[\s,]+/).filter(Boolean))
    .refine((keys) => keys.every((k) => BASE64_KEY.test(k)), {
      message: "must be earlier TOKEN_ENCRYPTION_KEY values (32 bytes in base64 each), separated by commas",
    }),
});

export interface TokenKeys {
  current: Buffer;
  older: Buffer[];
}

/** The token keys, or undefined when TOKEN_ENCRYPTION_KEY is not set. */
export function loadTokenKeys(given: NodeJS.ProcessEnv = process.env): TokenKeys | undefined {
  const parsed = tokenKeysSchema.safeParse(setVariables(given));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${String(issue?.path[0] ?? "TOKEN_ENCRYPTION_KEY")} ${issue?.message ?? "is invalid"}`,
    );
  }
  const { TOKEN_ENCRYPTION_KEY: current, TOKEN_ENCRYPTION_OLD_KEYS: older } = parsed.data;
  if (current === undefined) {
    if (older.length > 0)
      throw new ConfigError(
        "TOKEN_ENCRYPTION_OLD_KEYS is set without TOKEN_ENCRYPTION_KEY: set the current key too",
      );
    return undefined;
  }
  return { current: Buffer.from(current, "base64"), older: older.map((k) => Buffer.from(k, "base64")) };
}

const envSchema = z.object({
  LEAD_HASH_KEY: optionalKey,
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
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
    message: "must be a URL such as http://127.0.0.1:11434/v1",
  }),
  LLM_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8_000),
  LLM_DAILY_BUDGET: z.coerce.number().int().min(0).default(2_000),
  LLM_SEND_RAW_TEXT: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
});

export interface StorageConfig {
  /** PostgreSQL server URL; undefined means the embedded database under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Keys the lead memory's person hashes; undefined: a key the database makes once and keeps. */
  leadHashKey?: Buffer | undefined;
}

/** The optional LLM: set when OPENAI_API_KEY (or OPENAI_BASE_URL, for a local server) is. */
export interface LlmConfig {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
  dailyBudget: number;
  sendRawText: boolean;
}

export interface Config {
  storage: StorageConfig;
  /** Undefined: rules only, nothing is sent anywhere. */
  llm: LlmConfig | undefined;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
}

/** The one place that reads process.env. */
export function loadConfig(given: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(setVariables(given));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  return {
    storage: {
      databaseUrl: parsed.data.DATABASE_URL,
      dataDir: resolve(parsed.data.DATA_DIR),
      ...(parsed.data.LEAD_HASH_KEY ? { leadHashKey: Buffer.from(parsed.data.LEAD_HASH_KEY, "base64") } : {}),
    },
    llm:
      parsed.data.OPENAI_API_KEY || parsed.data.OPENAI_BASE_URL
        ? {
            // A local OpenAI-compatible server may need no key; the SDK wants one anyway.
            apiKey: parsed.data.OPENAI_API_KEY ?? "not-needed",
            baseUrl: parsed.data.OPENAI_BASE_URL,
            model: parsed.data.LLM_MODEL,
            timeoutMs: parsed.data.LLM_TIMEOUT_MS,
            dailyBudget: parsed.data.LLM_DAILY_BUDGET,
            sendRawText: parsed.data.LLM_SEND_RAW_TEXT,
          }
        : undefined,
    logLevel: parsed.data.LOG_LEVEL,
  };
}

/** A Slack credential that may be unset: blank counts as unset. */
const slackSecret = (prefix: RegExp, message: string) =>
  optionalString.refine((v) => v === undefined || prefix.test(v), message);

const slackSchema = z.object({
  SLACK_BOT_TOKEN: slackSecret(/^xoxb-/, "must be a bot token starting with xoxb-"),
  SLACK_CLIENT_ID: slackSecret(
    /^\d+\.\d+$/,
    "must be the Client ID from Basic Information, like 1234567890.0987654321",
  ),
  SLACK_CLIENT_SECRET: slackSecret(
    /^[0-9a-f]{16,}$/i,
    "must be the hexadecimal Client Secret from Basic Information",
  ),
  SLACK_STATE_SECRET: slackSecret(
    /^.{32,}$/,
    "must be at least 32 random characters, e.g. the output of: openssl rand -hex 32",
  ),
  SLACK_REDIRECT_URI: slackSecret(
    /^https?:\/\/[^\s/]+\/slack\/oauth_redirect$/,
    "must be this app's public address ending in /slack/oauth_redirect, e.g. https://triage.example.com/slack/oauth_redirect",
  ),
  SLACK_SIGNING_SECRET: slackSecret(
    /^[0-9a-f]{16,}$/i,
    "must be the hexadecimal Signing Secret from Basic Information",
  ),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine(
      (v) => v === undefined || v.startsWith("xapp-"),
      "must be an app-level token starting with xapp-",
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_API_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine(
      (v) => v === undefined || /^https?:\/\/\S+\/$/.test(v),
      "must be a URL ending with /, e.g. https://slack.com/api/",
    ),
  SLACK_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  PUBLIC_URL: optionalString
    .refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), {
      message: "must be the app's public address, like https://triage.example.com",
    })
    .transform((v) => v?.replace(/\/+$/, "")),
  INBOUND_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  OUTBOUND_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  FORM_BOT_CHANNELS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/[\s,]+/).filter(Boolean)),
  // Slack issues user ids as U or W and capital letters and digits; one pasted in lower case is the same id.
  ADMIN_USER_IDS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/[\s,]+/).filter(Boolean))
    .transform((ids, ctx) => {
      const wrong = ids.find((id) => !/^[UW][A-Z0-9]{2,}$/i.test(id));
      if (wrong !== undefined)
        ctx.addIssue({
          code: "custom",
          message: `has "${wrong.slice(0, 30)}", which is not a Slack user id: write U or W and capital letters and digits, ids separated by commas, e.g. U012ABCDEF,W034GHIJKL (a member's profile → ⋯ → Copy member ID)`,
        });
      return ids.map((id) => id.toUpperCase());
    }),
});

/** How the app gets its tokens: one workspace's bot token, or an installation per workspace ("Add to Slack"). */
export type SlackAuth =
  | { mode: "single"; botToken: string }
  | {
      mode: "distribution";
      clientId: string;
      clientSecret: string;
      /** Keys what the database keeps of each install's OAuth state. */
      stateSecret: string;
      /** Needed when the app's manifest lists more than one redirect URL. */
      redirectUri: string | undefined;
      /** Seal each workspace's tokens at rest. */
      tokenKeys: TokenKeys;
    };

export interface SlackConfig {
  auth: SlackAuth;
  signingSecret: string;
  /** Socket Mode when set (one team, no public URL); HTTP receiver otherwise. */
  appToken: string | undefined;
  port: number;
  apiUrl: string | undefined;
  /** Each Web API call is abandoned after this long (then retried twice at most). */
  apiTimeoutMs: number;
  /** Channels where posts by other bots (web forms) are triaged. */
  formBotChannels: string[];
  /** Who may change reasons, rules and digests; empty means Slack's workspace admins and owners. */
  adminUserIds: string[];
  /** Where senders reach the app (PUBLIC_URL, else the redirect URI's origin): shown in inbound setup answers. */
  publicUrl?: string;
  /** Leads a workspace's endpoints accept per second, on each instance (INBOUND_RATE_LIMIT). */
  inboundRatePerSecond?: number;
  /** Outbound URLs may name private addresses and plain http (OUTBOUND_ALLOW_PRIVATE_URLS). */
  allowPrivateOutboundUrls?: boolean;
}

export interface AppConfig extends Config {
  slack: SlackConfig;
}

const DISTRIBUTION_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
const SETUP = '(see README, "Create the Slack app")';

/** The mode follows from which variables are set; a missing or contradictory set stops start-up with one line
 * that names them. */
function slackAuth(s: z.infer<typeof slackSchema>, env: NodeJS.ProcessEnv): SlackAuth {
  const distribution = DISTRIBUTION_VARS.filter((name) => s[name] !== undefined);
  if (s.SLACK_BOT_TOKEN !== undefined) {
    if (distribution.length > 0)
      throw new ConfigError(
        `SLACK_BOT_TOKEN and ${distribution.join(", ")} are both set: set SLACK_BOT_TOKEN for one workspace, or ${DISTRIBUTION_VARS.join(", ")} to distribute the app (see README, "Distribute the app")`,
      );
    return { mode: "single", botToken: s.SLACK_BOT_TOKEN };
  }
  if (distribution.length === 0)
    throw new ConfigError(
      `SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page, or set ${DISTRIBUTION_VARS.join(", ")} to distribute the app ${SETUP}`,
    );
  const missing = DISTRIBUTION_VARS.filter((name) => s[name] === undefined);
  if (missing.length > 0)
    throw new ConfigError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set: distributing the app needs ${DISTRIBUTION_VARS.join(", ")} (see README, "Distribute the app")`,
    );
  if (s.SLACK_APP_TOKEN !== undefined)
    throw new ConfigError(
      `SLACK_APP_TOKEN is set with ${DISTRIBUTION_VARS[0]}: a distributed app answers Slack over HTTP (its install link and redirect need a public address); unset SLACK_APP_TOKEN (see README, "Distribute the app")`,
    );
  const tokenKeys = loadTokenKeys(env);
  if (tokenKeys === undefined)
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY is not set: a distributed app keeps each workspace\'s token sealed with it; make one with: openssl rand -base64 32 (see README, "Distribute the app")',
    );
  return {
    mode: "distribution",
    clientId: s.SLACK_CLIENT_ID as string,
    clientSecret: s.SLACK_CLIENT_SECRET as string,
    stateSecret: s.SLACK_STATE_SECRET as string,
    redirectUri: s.SLACK_REDIRECT_URI,
    tokenKeys,
  };
}

/** The app's public address: PUBLIC_URL, or the origin of the OAuth redirect a distributed app names. */
function publicUrl(given: string | undefined, redirectUri: string | undefined): { publicUrl?: string } {
  if (given) return { publicUrl: given };
  return redirectUri ? { publicUrl: new URL(redirectUri).origin } : {};
}

/** Configuration of the Slack app: storage and logging as for the CLI, plus the Slack credentials. */
export function loadAppConfig(given: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = setVariables(given);
  const base = loadConfig(env);
  const parsed = slackSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"} ${SETUP}`);
  }
  const s = parsed.data;
  const auth = slackAuth(s, env);
  if (s.SLACK_SIGNING_SECRET === undefined)
    throw new ConfigError(
      `SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your app's Basic Information page ${SETUP}`,
    );
  return {
    ...base,
    slack: {
      auth,
      signingSecret: s.SLACK_SIGNING_SECRET,
      appToken: s.SLACK_APP_TOKEN,
      port: s.PORT,
      apiUrl: s.SLACK_API_URL,
      apiTimeoutMs: s.SLACK_API_TIMEOUT_MS,
      formBotChannels: s.FORM_BOT_CHANNELS,
      adminUserIds: s.ADMIN_USER_IDS,
      inboundRatePerSecond: s.INBOUND_RATE_LIMIT,
      allowPrivateOutboundUrls: s.OUTBOUND_ALLOW_PRIVATE_URLS,
      ...publicUrl(s.PUBLIC_URL, s.SLACK_REDIRECT_URI),
    },
  };
}
