import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../support/appProcess.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { SignedSlack } from "../support/signedSlack.js";
import { SIGNING_SECRET } from "./harness.js";

const MAIN = ["--import", "tsx", "src/main.ts"];

describe("npm start (src/main.ts)", () => {
  it("stops with one line naming the missing Slack variable", async () => {
    const env = { ...process.env, SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "" };
    const result = await promisify(execFile)(process.execPath, MAIN, { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr.trim()).toMatch(/^lead-triage: SLACK_BOT_TOKEN .*README/);
    expect((result as { stderr: string }).stderr.trim().split("\n")).toHaveLength(1);
  });

  describe("running", () => {
    const fake = new FakeSlack();
    let app: AppProcess;
    let port = 0;

    beforeAll(async () => {
      await fake.start();
      app = await startAppProcess(`${fake.url}/api/`);
      port = app.port;
    }, 90_000);

    afterAll(async () => {
      app?.child.kill("SIGTERM");
      await fake.stop();
    });

    it("serves /health and answers /triage with a verdict in the channel", async () => {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const slack = new SignedSlack(`http://127.0.0.1:${port}`, SIGNING_SECRET);
      const r = await slack.command({
        team_id: "T0001",
        channel_id: "C0MAIN",
        user_id: "U1",
        command: "/triage",
        text: "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com",
        response_url: fake.responseUrl("main"),
        trigger_id: "1.2.3",
      });
      expect(r.status).toBe(200);
      const post = await fake.waitFor(() =>
        fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0MAIN"),
      );
      expect(String(post.body.text)).toMatch(/^Pass \(risk 0\/100\)/);
    });
  });
});
