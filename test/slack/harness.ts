import { Writable } from "node:stream";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll } from "vitest";
import type { LlmConfig, SlackConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import type { CheckWriterOptions } from "../../src/services/checkWriter.js";
import { createServices } from "../../src/services/createServices.js";
import { RecentKeys } from "../../src/services/recentKeys.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { AdminPolicy } from "../../src/slack/admins.js";
import { createSlackApp, type SlackApp, webApiOptions } from "../../src/slack/app.js";
import type { InboundDeliveryOptions } from "../../src/slack/inboundDelivery.js";
import { WorkQueue } from "../../src/slack/workQueue.js";
import { InstalledWorkspaceClients, SingleWorkspaceClient } from "../../src/slack/workspaceClients.js";
import type { Database } from "../../src/store/database.js";
import type { PrismaClient } from "../../src/store/generated/client.js";
import { createStore } from "../../src/store/index.js";
import type { SqlConnection } from "../../src/store/sql.js";
import { type TestEngine, testEngines } from "../support/databases.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { SignedSlack } from "../support/signedSlack.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5".replace(/[yz]/g, "0");
export const CLIENT_SECRET = "3f2c1a9b8e7d6c5b4a39281706f5e4d3";
export const STATE_SECRET = "a7c1e9f3b5d2".repeat(4);

export interface Harness {
  port: number;
  slack: SignedSlack;
  fake: FakeSlack;
  db: Database;
  app: SlackApp;
  logs: string[];
  work: WorkQueue;
  posts: WorkQueue;
  /** Writes the checks waiting in the writer's batch now. */
  triageWriter: { flush(): Promise<void> };
  stop(): Promise<void>;
}

/** Plain SQL that runs `before` ahead of every statement (a delay, or a throw for an outage). */
export function sqlWith(sql: SqlConnection, before: () => Promise<void> | void): SqlConnection {
  return {
    exec: async (text) => {
      await before();
      return sql.exec(text);
    },
    query: async (text, params) => {
      await before();
      return sql.query(text, params);
    },
  };
}

/** The real app on port 0, on a fresh embedded database, talking to a fake Slack Web API. */
export async function startHarness(
  engine: TestEngine,
  options: {
    prisma?: (p: PrismaClient) => PrismaClient;
    /** The same for the plain SQL the repositories write bulk rows with. */
    sql?: (s: SqlConnection) => SqlConnection;
    config?: Partial<SlackConfig>;
    connectionsUrl?: string;
    writer?: Partial<CheckWriterOptions>;
    /** An LLM for summaries (a fake OpenAI-compatible server). */
    llm?: LlmConfig;
    /** Replaces the database ping (a simulated outage). */
    ping?: () => Promise<boolean>;
    /** Distribution mode ("Add to Slack"): installations sealed with this key, OAuth states in the database. */
    distribution?: { tokenKey: Buffer };
    /** How the inbound queue is worked (a long lease: a "crashed" instance's claims stay held). */
    inboundDelivery?: Partial<InboundDeliveryOptions>;
    /** Another instance on the same database and fake Slack (neither is stopped with this harness). */
    shared?: { db: Database; fake: FakeSlack };
  } = {},
): Promise<Harness> {
  const fake = options.shared?.fake ?? new FakeSlack();
  if (options.connectionsUrl) fake.socketUrl = options.connectionsUrl;
  if (!options.shared) await fake.start();
  const db = options.shared?.db ?? (await engine.fresh());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger("info", sink);
  // A wrapped client (a slow or failing database) still goes through the real repositories.
  const store =
    options.prisma || options.sql
      ? createStore(options.prisma?.(db.prisma) ?? db.prisma, options.sql?.(db.sql) ?? db.sql)
      : db.store;
  const work = new WorkQueue(4);
  const posts = new WorkQueue(16);
  const services = createServices(
    { store, ping: options.ping ?? db.ping },
    {
      defaultPack: await loadRuleFile(),
      logger,
      ...(options.writer ? { writer: options.writer } : {}),
      llm: options.llm,
      inboundRatePerSecond: options.config?.inboundRatePerSecond,
      // The fake receivers the tests send events to listen on 127.0.0.1.
      allowPrivateOutboundUrls: true,
      ...(options.distribution
        ? {
            distribution: {
              tokenKeys: { current: options.distribution.tokenKey, older: [] },
              stateSecret: STATE_SECRET,
            },
          }
        : {}),
      recentEvents: new RecentKeys(1_000, 60_000),
    },
  );
  const { triage, installs } = services;
  const llm = new WorkQueue(4);
  const clientOptions = { slackApiUrl: `${fake.url}/api/`, ...webApiOptions(10_000) };
  const app = createSlackApp({
    ...(installs ? { installs } : {}),
    workspaceClients: installs
      ? new InstalledWorkspaceClients(installs.installations, clientOptions, logger)
      : new SingleWorkspaceClient(new WebClient("xoxb-test-token", clientOptions), logger),
    inboundDelivery: { leaseMs: 2_000, pollMs: 200, ...options.inboundDelivery },
    config: {
      auth: installs
        ? {
            mode: "distribution",
            clientId: "1234567890.0987654321",
            clientSecret: CLIENT_SECRET,
            stateSecret: STATE_SECRET,
            redirectUri: undefined,
            tokenKeys: { current: options.distribution?.tokenKey as Buffer, older: [] },
          }
        : { mode: "single", botToken: "xoxb-test-token" },
      signingSecret: SIGNING_SECRET,
      appToken: undefined,
      port: 0,
      apiUrl: `${fake.url}/api/`,
      apiTimeoutMs: 10_000,
      formBotChannels: ["CFORMS"],
      adminUserIds: [],
      ...options.config,
    },
    deps: {
      ...services,
      publicUrl: "https://triage.example.com",
      admins: new AdminPolicy(options.config?.adminUserIds ?? []),
      logger,
      formBotChannels: ["CFORMS"],
      work,
      posts,
      inviteHints: new RecentKeys(100, 60_000),
      llm,
      ...(installs ? { installations: installs.installations } : {}),
    },
    ping: db.ping,
  });
  const port = await app.start();
  return {
    port,
    slack: new SignedSlack(`http://127.0.0.1:${port}`, SIGNING_SECRET),
    fake,
    db,
    app,
    logs,
    work,
    posts,
    triageWriter: triage.writer,
    async stop() {
      await app.stop();
      await work.onIdle();
      await llm.onIdle();
      await posts.onIdle();
      await triage.close(0);
      if (!options.shared) await fake.stop();
    },
  };
}

export function commandFields(
  text: string,
  fake: FakeSlack,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    team_id: "T0001",
    team_domain: "acme",
    channel_id: "C2147483705",
    channel_name: "sales",
    user_id: "U2147483697",
    user_name: "priya",
    command: "/triage",
    text,
    api_app_id: "A123456",
    response_url: fake.responseUrl("cmd"),
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    ...overrides,
  };
}

export function eventEnvelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: "XXYYZZ",
    team_id: "T0001",
    api_app_id: "A123456",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
  };
}

/** The harness for one e2e file: started before its tests on the first engine (PGlite), stopped after them.
 * The returned object stands for the started harness (a property read before `beforeAll` ran throws); its
 * `engine` starts another harness on the same engine (one configured differently). */
export function useSlackHarness(
  options: Parameters<typeof startHarness>[1] = {},
): Harness & { readonly engine: TestEngine } {
  const engine = testEngines()[0] as TestEngine;
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(engine, options);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
    await engine.dispose();
  });
  return new Proxy({} as Harness & { readonly engine: TestEngine }, {
    get(_, key) {
      if (key === "engine") return engine;
      if (started === undefined) throw new Error("the Slack harness starts in beforeAll");
      return started[key as keyof Harness];
    },
  });
}
