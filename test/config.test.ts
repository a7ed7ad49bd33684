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
