#!/usr/bin/env node
// Wiring only: configuration, database, rules, the Slack app, shutdown.
import { ConfigError, loadAppConfig } from "./config.js";
import { RuleSetError } from "./domain/personas/load.js";
import { scheduleRetention } from "./jobs/retention.js";
import { createLogger } from "./logger.js";
import { loadRuleFile } from "./services/ruleFiles.js";
import { createTriageServices } from "./services/triageLead.js";
import { createSlackApp } from "./slack/app.js";
import { WorkQueue } from "./slack/workQueue.js";
import { openDatabase } from "./store/database.js";
import { StoreError } from "./store/errors.js";

async function main(): Promise<void> {
  const config = loadAppConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.storage, { command: "lead-triage app (npm start)" });
  logger.info({ engine: db.engine, applied: db.migrations.applied }, "database ready");
  const triage = createTriageServices(db.prisma, await loadRuleFile());
  // The embedded database serves one query at a time; a server takes more in parallel.
  const work = new WorkQueue(db.engine === "pglite" ? 4 : 16);
  const slack = createSlackApp({
    config: config.slack,
    deps: { prisma: db.prisma, triage, logger, formBotChannels: config.slack.formBotChannels, work },
    ping: db.ping,
  });
  const stopRetention = scheduleRetention(db.prisma, logger);
  const port = await slack.start();
  logger.info({ port, mode: config.slack.appToken ? "socket" : "http" }, "Lead Triage is running");

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    stopRetention();
    await slack.stop().catch(() => undefined);
    await work.onIdle();
    await triage.flush().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof StoreError || e instanceof RuleSetError) {
    process.stderr.write(`lead-triage: ${e.message}\n`);
  } else {
    process.stderr.write(`lead-triage: could not start: ${(e as Error).message}\n`);
  }
  process.exit(1);
});
