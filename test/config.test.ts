import { describe, expect, it } from "vitest";
import { loadAppConfig } from "../src/config.js";

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
