import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadAppConfig, loadTokenKeys } from "../src/config.js";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "8f742231b10e8888abcd990000085a5f" };

describe("ADMIN_USER_IDS", () => {
  it("accepts the ids Slack issues (U or W, capitals and digits), with any separators, in any case", () => {
    const config = loadAppConfig({ ...SLACK, ADMIN_USER_IDS: "U012ABCDEF, W034GHIJKL\nu056mnopqr" });
    expect(config.slack.adminUserIds).toEqual(["U012ABCDEF", "W034GHIJKL", "U056MNOPQR"]);
  });

  it.each(["U_123ABC", "@priya", "T012ABCDEF", "U0"])(
    "refuses %s, naming it and saying what an id looks like",
    (id) => {
      expect(() => loadAppConfig({ ...SLACK, ADMIN_USER_IDS: `U012ABCDEF,${id}` })).toThrow(
        new RegExp(
          `ADMIN_USER_IDS has "${id}", which is not a Slack user id: write U or W and capital letters and digits`,
        ),
      );
    },
  );
});

describe("TOKEN_ENCRYPTION_KEY", () => {
  const key = () => randomBytes(32).toString("base64");

  it("is optional; given, it is 32 bytes in base64, with older keys for rotation", () => {
    expect(loadTokenKeys({})).toBeUndefined();
    const [current, old] = [key(), key()];
    const keys = loadTokenKeys({ TOKEN_ENCRYPTION_KEY: current, TOKEN_ENCRYPTION_OLD_KEYS: ` ${old} ` });
    expect(keys?.current.toString("base64")).toBe(current);
    expect(keys?.older.map((k) => k.toString("base64"))).toEqual([old]);
  });

  it.each([
    [{ TOKEN_ENCRYPTION_KEY: "secret" }, "TOKEN_ENCRYPTION_KEY must be 32 random bytes in base64"],
    [
      { TOKEN_ENCRYPTION_KEY: randomBytes(16).toString("base64") },
      "TOKEN_ENCRYPTION_KEY must be 32 random bytes",
    ],
    [{ TOKEN_ENCRYPTION_OLD_KEYS: randomBytes(32).toString("base64") }, "set without TOKEN_ENCRYPTION_KEY"],
  ])("refuses %j in one line naming the variable", (env, message) => {
    expect(() => loadTokenKeys(env)).toThrow(message);
  });
});

describe("the two modes", () => {
  const SIGNING = { SLACK_SIGNING_SECRET: "8f742231b10e8888abcd990000085a5f" };
  const DISTRIBUTION = {
    ...SIGNING,
    SLACK_CLIENT_ID: "1234567890.0987654321",
    SLACK_CLIENT_SECRET: "3f2c1a9b8e7d6c5b4a39281706f5e4d3",
    SLACK_STATE_SECRET: "c0ffee".repeat(6),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };

  it("a bot token is one workspace; the client id, secret and state secret are distribution", () => {
    expect(loadAppConfig(SLACK).slack.auth).toEqual({ mode: "single", botToken: "xoxb-1" });
    const auth = loadAppConfig({
      ...DISTRIBUTION,
      SLACK_REDIRECT_URI: "https://triage.example.com/slack/oauth_redirect",
    }).slack.auth;
    expect(auth).toMatchObject({
      mode: "distribution",
      clientId: "1234567890.0987654321",
      redirectUri: "https://triage.example.com/slack/oauth_redirect",
    });
  });

  it.each([
    [{}, /^SLACK_BOT_TOKEN is not set: .* or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/],
    [
      { ...DISTRIBUTION, SLACK_BOT_TOKEN: "xoxb-1" },
      /^SLACK_BOT_TOKEN and SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are both set/,
    ],
    [
      { ...DISTRIBUTION, SLACK_CLIENT_SECRET: "", SLACK_STATE_SECRET: " " },
      /^SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are not set: distributing/,
    ],
    [
      { ...DISTRIBUTION, SLACK_APP_TOKEN: "xapp-1" },
      /^SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: a distributed app answers Slack over HTTP/,
    ],
    [
      { ...DISTRIBUTION, TOKEN_ENCRYPTION_KEY: "" },
      /^TOKEN_ENCRYPTION_KEY is not set: .*openssl rand -base64 32/,
    ],
    [
      { ...DISTRIBUTION, SLACK_STATE_SECRET: "short" },
      /^SLACK_STATE_SECRET must be at least 32 random characters/,
    ],
    [
      { ...DISTRIBUTION, SLACK_REDIRECT_URI: "https://x.example.com/oauth" },
      /^SLACK_REDIRECT_URI must be .* ending in \/slack\/oauth_redirect/,
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET is not set/],
  ])("a missing or contradictory set stops start-up with one line naming it (%#)", (env, message) => {
    const run = () => loadAppConfig(env);
    expect(run).toThrow(message);
    expect(() => run()).toThrow(expect.objectContaining({ message: expect.not.stringContaining("\n") }));
  });
});

describe("an empty variable", () => {
  it("means unset for every variable, as compose files and CI pass them", () => {
    const empty = {
      DATABASE_URL: "",
      DATA_DIR: " ",
      LOG_LEVEL: "",
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      LLM_MODEL: "",
      LLM_TIMEOUT_MS: "",
      LLM_DAILY_BUDGET: "",
      LLM_SEND_RAW_TEXT: "",
      LEAD_HASH_KEY: "",
      TOKEN_ENCRYPTION_KEY: "",
      TOKEN_ENCRYPTION_OLD_KEYS: "",
      SLACK_APP_TOKEN: "",
      SLACK_CLIENT_ID: "",
      SLACK_CLIENT_SECRET: "",
      SLACK_STATE_SECRET: "",
      SLACK_REDIRECT_URI: "",
      ADMIN_USER_IDS: "",
    };
    const config = loadAppConfig({ ...SLACK, ...empty });
    expect(config.slack.auth).toEqual({ mode: "single", botToken: "xoxb-1" });
    expect(config.storage.databaseUrl).toBeUndefined();
    expect(config.storage.dataDir).toMatch(/\/data$/);
    expect(config.llm).toBeUndefined();
    expect(config.logLevel).toBe("info");
    expect(loadTokenKeys(empty)).toBeUndefined();
    // With a key, an empty model is the default model, not a refusal.
    expect(loadAppConfig({ ...SLACK, ...empty, OPENAI_API_KEY: "sk-test" }).llm).toMatchObject({
      model: "gpt-4o-mini",
      timeoutMs: 8_000,
    });
  });
});

describe("leads flowing in and out", () => {
  it("reads the public address, the inbound rate and whether outbound URLs may be private", () => {
    expect(loadAppConfig(SLACK).slack).toMatchObject({
      inboundRatePerSecond: 20,
      allowPrivateOutboundUrls: false,
    });
    expect(loadAppConfig(SLACK).slack.publicUrl).toBeUndefined();
    const set = loadAppConfig({
      ...SLACK,
      PUBLIC_URL: "https://triage.example.com/",
      INBOUND_RATE_LIMIT: "50",
      OUTBOUND_ALLOW_PRIVATE_URLS: "true",
    }).slack;
    expect(set).toMatchObject({
      publicUrl: "https://triage.example.com",
      inboundRatePerSecond: 50,
      allowPrivateOutboundUrls: true,
    });
    expect(() => loadAppConfig({ ...SLACK, PUBLIC_URL: "triage.example.com" })).toThrow(/PUBLIC_URL/);
    expect(() => loadAppConfig({ ...SLACK, INBOUND_RATE_LIMIT: "0" })).toThrow(/INBOUND_RATE_LIMIT/);
    // A distributed app's redirect URI names its public address.
    const distributed = loadAppConfig({
      SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
      SLACK_CLIENT_ID: "1234567890.0987654321",
      SLACK_CLIENT_SECRET: "3f2c1a9b8e7d6c5b4a39281706f5e4d3",
      SLACK_STATE_SECRET: "a7c1e9f3b5d2".repeat(4),
      SLACK_REDIRECT_URI: "https://leads.example.org/slack/oauth_redirect",
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(distributed.slack.publicUrl).toBe("https://leads.example.org");
  });
});
