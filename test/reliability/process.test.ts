import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { commandFields, SIGNING_SECRET } from "../slack/harness.js";
import { type AppProcess, startAppProcess } from "../support/appProcess.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { SignedSlack } from "../support/signedSlack.js";

/** `npm start` as a process: what ends a process (a throw in a server handler, a hung shutdown) can only be
 * seen from outside it. */
describe("the app process (dist/main.js) under hostile requests and a Slack outage", () => {
  const fake = new FakeSlack();
  let app: AppProcess;
  let child: AppProcess["child"];
  let port = 0;

  beforeAll(async () => {
    await fake.start();
    app = await startAppProcess(`${fake.url}/api/`);
    ({ child, port } = app);
  }, 90_000);

  afterAll(async () => {
    child?.kill("SIGKILL");
    await fake.stop();
  });

  it("answers requests it does not handle with 404/405 and stays up", async () => {
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/slack/events`)).status).toBe(405);
    expect((await fetch(`${base}/nope`, { method: "POST", body: "{}" })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it("exits within 10 s of SIGTERM during a Slack outage, keeping every acked check", async () => {
    fake.hangAll = true;
    const slack = new SignedSlack(`http://127.0.0.1:${port}`, SIGNING_SECRET);
    for (let i = 0; i < 10; i++) {
      const r = await slack.command(commandFields(`Outage lead ${i}, VP Sales at Acme, 300 employees`, fake));
      expect(r.status).toBe(200);
    }
    await fake.waitFor(() => (fake.callsTo("chat.postMessage").length >= 4 ? true : undefined));
    const sent = Date.now();
    child.kill("SIGTERM");
    const { code, at } = await app.exited;
    expect(at - sent).toBeLessThan(10_000);
    expect(code).toBe(0);
    const db = await openDatabase({ databaseUrl: undefined, dataDir: app.dataDir });
    try {
      expect(await db.prisma.check.count({ where: { inputKind: "command" } })).toBe(10);
      // The embedded database starts with small shared buffers (PGlite allocates them all at start).
      expect(await db.prisma.$queryRaw`SHOW shared_buffers`).toEqual([{ shared_buffers: "16MB" }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
