/** The fake Slack Web API in a process of its own, for `bench:slack` and `bench:fleet`: the load generator's
 * event loop then measures only its own requests. Started with fork(); answers messages:
 * "posts" (chat.postMessage calls: channel and arrival time), "calls" (a method's calls, projected), "grant"
 * (an install code oauth.v2.access will exchange), "stop". */
import { type FakeGrant, FakeSlack } from "../test/support/fakeSlack.js";

type Message =
  | { type: "posts"; from?: number }
  | { type: "calls"; method: string; from?: number }
  | { type: "grant"; code: string; grant: FakeGrant }
  | { type: "stop" };

const fake = new FakeSlack();
await fake.start();
process.send?.({ url: fake.url });
process.on("message", (message: Message) => {
  if (message.type === "posts") {
    const posts = fake
      .callsTo("chat.postMessage")
      .slice(message.from ?? 0)
      .map((c) => ({ channel: String(c.body.channel), at: c.at }));
    process.send?.({ posts });
  } else if (message.type === "calls") {
    const calls = fake
      .callsTo(message.method)
      .slice(message.from ?? 0)
      .map((c) => {
        const view = c.body.view as { private_metadata?: string } | undefined;
        return {
          at: c.at,
          token: c.token,
          channel: typeof c.body.channel === "string" ? c.body.channel : undefined,
          threadTs: typeof c.body.thread_ts === "string" ? c.body.thread_ts : undefined,
          triggerId: typeof c.body.trigger_id === "string" ? c.body.trigger_id : undefined,
          privateMetadata: view?.private_metadata,
          digest: JSON.stringify(c.body.blocks ?? "").includes("The week at a glance"),
        };
      });
    process.send?.({ calls });
  } else if (message.type === "grant") {
    fake.grants.set(message.code, message.grant);
    process.send?.({ granted: message.code });
  } else if (message.type === "stop") {
    void fake.stop().then(() => process.exit(0));
  }
});
