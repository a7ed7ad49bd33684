/** The fake Slack Web API in a process of its own, for `bench:slack`: the load generator's event loop then
 * measures only its own requests. Started with fork(); answers "posts" messages with the chat.postMessage
 * calls it received (channel and arrival time). */
import { FakeSlack } from "../test/support/fakeSlack.js";

const fake = new FakeSlack();
await fake.start();
process.send?.({ url: fake.url });
process.on("message", (message: { type: string; from?: number }) => {
  if (message.type === "posts") {
    const posts = fake
      .callsTo("chat.postMessage")
      .slice(message.from ?? 0)
      .map((c) => ({ channel: String(c.body.channel), at: c.at }));
    process.send?.({ posts });
  } else if (message.type === "stop") {
    void fake.stop().then(() => process.exit(0));
  }
});
