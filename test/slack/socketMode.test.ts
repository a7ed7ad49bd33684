import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { InboundService } from "../../src/services/inbound/endpoints.js";
import { signedHeaders } from "../../src/services/inbound/signatures.js";
import { testEngines } from "../support/databases.js";
import { type Harness, startHarness } from "./harness.js";

/** Socket Mode end to end: the app opens its connection through `apps.connections.open` on the fake Web
 * API, and a WebSocket server on 127.0.0.1 plays Slack, sending envelopes and reading the acks. */
const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
let h: Harness;
let wss: WebSocketServer;
let socket: Promise<WebSocket>;
const acks: { envelope_id: string; payload?: unknown; at: number }[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const address = wss.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  socket = new Promise((resolve) => {
    wss.on("connection", (ws) => {
      ws.on("message", (data) => acks.push({ ...JSON.parse(String(data)), at: Date.now() }));
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "fake" },
          connection_info: { app_id: "A1" },
        }),
      );
      resolve(ws);
    });
  });
  h = await startHarness(engine, {
    config: { appToken: "xapp-1-test" },
    connectionsUrl: `ws://127.0.0.1:${port}/link`,
  });
}, 60_000);

afterAll(async () => {
  await h?.stop();
  wss?.close();
  await engine.dispose();
});

describe("Socket Mode", () => {
  it("acks a slash command envelope and posts the verdict", async () => {
    const ws = await socket;
    const sent = Date.now();
    ws.send(
      JSON.stringify({
        envelope_id: "env-cmd-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          team_id: "T0001",
          channel_id: "C0SOCKET",
          user_id: "U1",
          command: "/triage",
          text: "Jane, PhD student, jane@gmail.com, thesis project",
          response_url: h.fake.responseUrl("socket"),
          trigger_id: "1.2.3",
        },
      }),
    );
    const ack = await h.fake.waitFor(() => acks.find((a) => a.envelope_id === "env-cmd-1"));
    expect(ack.at - sent).toBeLessThan(1000);
    const post = await h.fake.waitFor(() =>
      h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0SOCKET"),
    );
    expect(String(post.body.text)).toMatch(/^Reject/);
  });

  it("deduplicates a retried event (retry_attempt) by event id", async () => {
    const ws = await socket;
    const event = {
      type: "event_callback",
      team_id: "T0001",
      event_id: "Ev0SOCKET1",
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "app_mention",
        user: "U1",
        text: "<@UBOT> Tom, intern at Globex",
        ts: "1700000999.000100",
        channel: "C0SOCKMEN",
      },
    };
    for (const attempt of [0, 1, 2]) {
      ws.send(
        JSON.stringify({
          envelope_id: `env-ev-${attempt}`,
          type: "events_api",
          accepts_response_payload: false,
          retry_attempt: attempt,
          retry_reason: attempt ? "timeout" : "",
          payload: event,
        }),
      );
    }
    await h.fake.waitFor(() =>
      h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0SOCKMEN"),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C0SOCKMEN")).toHaveLength(1);
    expect(acks.filter((a) => a.envelope_id.startsWith("env-ev-"))).toHaveLength(3);
  });

  it("serves /health on PORT in Socket Mode too", async () => {
    const res = await fetch(`http://127.0.0.1:${h.port}/health`);
    expect(res.status).toBe(200);
  });

  it("takes leads from web forms on PORT in Socket Mode too", async () => {
    const { id, secret } = await new InboundService(h.db.store).setup("T0001", "C0SOCKLDS", "U04ADMIN1");
    const body = JSON.stringify({ email: "r.diaz@cafetal.co", company: "Cafetal", title: "Owner" });
    const res = await fetch(`http://127.0.0.1:${h.port}/leads/${id}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signedHeaders(secret, body) },
      body,
    });
    expect(res.status).toBe(202);
    await h.fake.waitFor(() =>
      h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0SOCKLDS" && c.body.blocks),
    );
  });
});
