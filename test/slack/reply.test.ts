import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { RecentKeys } from "../../src/services/recentKeys.js";
import { postOrTellRep, replyPrivately, updateMessage } from "../../src/slack/reply.js";

const logger = createLogger("silent");
const slackError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });

/** A Web API client whose methods answer from a script, recording each call. */
function client(script: Record<string, (args: Record<string, unknown>) => unknown>) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const method = (name: string) => async (args: Record<string, unknown>) => {
    calls.push({ method: name, args });
    const answer = script[name]?.(args) ?? { ok: true };
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    calls,
    api: {
      chat: {
        postMessage: method("chat.postMessage"),
        postEphemeral: method("chat.postEphemeral"),
        update: method("chat.update"),
      },
    } as never,
  };
}

const message = {
  text: "Review (risk 40/100)",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "x" } }],
} as never;

describe("reply", () => {
  it("posts in the channel and returns the message ts", async () => {
    const c = client({ "chat.postMessage": () => ({ ok: true, ts: "1.1" }) });
    const delivery = await postOrTellRep(
      c.api,
      { channelId: "C1", threadTs: "0.9" },
      message,
      new RecentKeys(10, 60_000),
      logger,
    );
    expect(delivery).toEqual({ how: "posted", ts: "1.1" });
    expect(c.calls[0]?.args).toMatchObject({ channel: "C1", thread_ts: "0.9", unfurl_links: false });
  });

  it("falls back to the rep with an invite hint once per channel when the app is not in it", async () => {
    const hints = new RecentKeys(10, 60_000);
    const responses: unknown[] = [];
    const respond = async (r: unknown) => {
      responses.push(r);
    };
    const c = client({ "chat.postMessage": () => slackError("not_in_channel") });
    for (let i = 0; i < 2; i++) {
      const d = await postOrTellRep(
        c.api,
        { channelId: "C2", userId: "U1", respond: respond as never },
        message,
        hints,
        logger,
      );
      expect(d).toEqual({ how: "response_url", fallback: "not_in_channel" });
    }
    expect(JSON.stringify(responses[0])).toContain("/invite @Lead Triage");
    expect(JSON.stringify(responses[1])).not.toContain("/invite @Lead Triage");
  });

  it("tells the rep why when Slack refuses the post, by ephemeral message when there is no response_url", async () => {
    const c = client({ "chat.postMessage": () => slackError("invalid_blocks") });
    const d = await postOrTellRep(
      c.api,
      { channelId: "C3", userId: "U1" },
      message,
      new RecentKeys(10, 60_000),
      logger,
    );
    expect(d).toEqual({ how: "ephemeral", fallback: "invalid_blocks" });
    const eph = c.calls.find((x) => x.method === "chat.postEphemeral");
    expect(JSON.stringify(eph?.args)).toContain("Slack said `invalid_blocks`");
  });

  it("reports not_delivered when nobody can be reached, without throwing", async () => {
    const c = client({ "chat.postMessage": () => slackError("channel_not_found") });
    const d = await postOrTellRep(c.api, { channelId: "C4" }, message, new RecentKeys(10, 60_000), logger);
    expect(d.how).toBe("not_delivered");
  });

  it("uses the ephemeral message when the response_url fails", async () => {
    const c = client({});
    const how = await replyPrivately(
      c.api,
      { channelId: "C5", userId: "U5", respond: (async () => Promise.reject(new Error("500"))) as never },
      message,
      logger,
    );
    expect(how).toBe("ephemeral");
  });

  it("updates a message, and answers false instead of throwing when Slack refuses", async () => {
    expect(await updateMessage(client({}).api, { channelId: "C6", ts: "1.2" }, message, logger)).toBe(true);
    const refused = client({ "chat.update": () => slackError("message_not_found") });
    expect(await updateMessage(refused.api, { channelId: "C6", ts: "1.2" }, message, logger)).toBe(false);
  });
});
