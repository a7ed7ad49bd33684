import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../support/appProcess.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { SignedSlack } from "../support/signedSlack.js";
import { SIGNING_SECRET } from "./harness.js";

/** What `npm start` runs, built from these sources by the suites' global set-up. */
const MAIN = ["dist/main.js"];

describe("npm start (dist/main.js)", () => {
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

  describe("distributed (Add to Slack)", () => {
    const fake = new FakeSlack();
    let app: AppProcess;

    beforeAll(async () => {
      await fake.start();
      app = await startAppProcess(`${fake.url}/api/`, {
        env: {
          SLACK_BOT_TOKEN: "",
          SLACK_CLIENT_ID: "1234567890.0987654321",
          SLACK_CLIENT_SECRET: "3f2c1a9b8e7d6c5b4a39281706f5e4d3",
          SLACK_STATE_SECRET: "b".repeat(40),
          TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        },
      });
    }, 90_000);

    afterAll(async () => {
      app?.child.kill("SIGTERM");
      await fake.stop();
    });

    it("installs a workspace from its link and answers it with that workspace's token", async () => {
      const base = `http://127.0.0.1:${app.port}`;
      const page = await fetch(`${base}/slack/install`);
      const state = /state=([^&"]+)/.exec(await page.text())?.[1] ?? "";
      const cookie = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1];
      fake.grants.set("code-main", {
        teamId: "T0NORTHWND",
        teamName: "Northwind Sales",
        botToken: "xoxb-northwind-main",
        botUserId: "U0NWBOT01",
        installerUserId: "U0NWADMIN",
      });
      const done = await fetch(`${base}/slack/oauth_redirect?code=code-main&state=${state}`, {
        headers: { cookie: `slack-app-oauth-state=${cookie}` },
      });
      expect(done.status).toBe(200);
      const slack = new SignedSlack(base, SIGNING_SECRET);
      await slack.command({
        team_id: "T0NORTHWND",
        channel_id: "C0NWMAIN",
        user_id: "U0NWREP01",
        command: "/triage",
        text: "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com",
        response_url: fake.responseUrl("dist"),
        trigger_id: "1.2.3",
      });
      const post = await fake.waitFor(() =>
        fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0NWMAIN"),
      );
      expect(post.token).toBe("xoxb-northwind-main");
    });
  });
});
