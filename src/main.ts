#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { WebClient } from "@slack/web-api";
// Wiring only: configuration, database, rules, the Slack app, shutdown.
import { loadAppConfig, type SlackConfig } from "./config.js";
import { UserError, userFacingError } from "./domain/errors.js";
import { scheduleDigests } from "./jobs/digest.js";
import { scheduleRefinement } from "./jobs/refinement.js";
import { scheduleRetention } from "./jobs/retention.js";
import { createLogger, errorSummary, type Logger } from "./logger.js";
import { createServices } from "./services/createServices.js";
import { inlineLeadReader, READER_THREAD_AVAILABLE, ThreadLeadReader } from "./services/leadReader.js";
import { RecentKeys } from "./services/recentKeys.js";
import { loadRuleFile } from "./services/ruleFiles.js";
import { openRuntime } from "./services/runtime.js";
import { AdminPolicy } from "./slack/admins.js";
import { createSlackApp, webApiOptions } from "./slack/app.js";
import { sendDueDigests } from "./slack/digestSender.js";
import { WorkQueue } from "./slack/workQueue.js";
import {
  InstalledWorkspaceClients,
  SingleWorkspaceClient,
  type WorkspaceClients,
} from "./slack/workspaceClients.js";

// WebAssembly (the embedded database) on V8's baseline compiler only, set before its thread starts: the
// optimising tier kept 50-60 MB of compiled PostgreSQL in an idle app and, at 200 req/s on two cores, cost
// start-up CPU without making a verdict cheaper (7.1-8.0 ms of CPU per verdict on the baseline tier alone,
// 7.1-8.3 with both; bench/RESULTS.md).
setFlagsFromString("--liftoff-only");

/** SIGTERM to exit: within this, whatever Slack or the database is doing. */
const SHUTDOWN_BUDGET_MS = 9_000;

/** How the app reaches each workspace: in distribution mode, the installation and OAuth state stores Bolt
 * authorizes requests with. Digests post through their own Web API clients (one per workspace's token): a 429
 * burst while posting them waits in its own queue and never stalls the interactive client's calls. */
function digestClientsFor(
  slack: SlackConfig,
  installs: ReturnType<typeof createServices>["installs"],
  logger: Logger,
): WorkspaceClients {
  const clientOptions = {
    ...webApiOptions(slack.apiTimeoutMs),
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
  };
  if (installs) return new InstalledWorkspaceClients(installs.installations, clientOptions, logger);
  const token = slack.auth.mode === "single" ? slack.auth.botToken : "";
  return new SingleWorkspaceClient(new WebClient(token, clientOptions), logger);
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  const logger = createLogger(config.logLevel);
  // A stray rejection is a bug to log, never a reason to drop every request in flight.
  process.on("unhandledRejection", (e) => logger.error({ err: errorSummary(e) }, "unhandled rejection"));
  // The embedded database runs on a thread of its own, so the event loop that acks Slack never waits on it.
  const db = await openRuntime(config.storage, "lead-triage app (npm start)", {
    thread: {
      onCrash: (e) => {
        logger.fatal(
          { err: errorSummary(e) },
          "the embedded database stopped; exiting so the app is restarted",
        );
        process.exit(1);
      },
    },
  });
  logger.info({ engine: db.engine, applied: db.migrations.applied }, "database ready");
  // Leads are read on a thread of their own: the event loop that acks Slack never waits on a parse.
  const reader = READER_THREAD_AVAILABLE ? new ThreadLeadReader() : inlineLeadReader;
  const { auth } = config.slack;
  const services = createServices(db, {
    defaultPack: await loadRuleFile(),
    logger,
    reader,
    llm: config.llm,
    inboundRatePerSecond: config.slack.inboundRatePerSecond,
    allowPrivateOutboundUrls: config.slack.allowPrivateOutboundUrls === true,
    ...(auth.mode === "distribution"
      ? { distribution: { tokenKeys: auth.tokenKeys, stateSecret: auth.stateSecret } }
      : {}),
  });
  const { triage, assistant, installs, digests } = services;
  logger.info({ llm: assistant ? `on (${config.llm?.model})` : "off (rules only)" }, "optional LLM");
  // The embedded database serves one query at a time; a server takes more in parallel.
  const work = new WorkQueue(db.engine === "pglite" ? 4 : 16);
  const posts = new WorkQueue(16);
  const digestClients = digestClientsFor(config.slack, installs, logger);
  const slack = createSlackApp({
    config: config.slack,
    ...(installs ? { installs } : {}),
    workspaceClients: digestClients,
    deps: {
      ...services,
      ...(config.slack.publicUrl ? { publicUrl: config.slack.publicUrl } : {}),
      admins: new AdminPolicy(config.slack.adminUserIds),
      logger,
      formBotChannels: config.slack.formBotChannels,
      work,
      posts,
      inviteHints: new RecentKeys(10_000, 7 * 86_400_000),
      llm: new WorkQueue(4),
      ...(installs ? { installations: installs.installations } : {}),
    },
    ping: db.ping,
  });
  const stopRetention = scheduleRetention(services.jobs.retention, logger);
  const stopDigests = scheduleDigests(() => sendDueDigests(digests, digestClients, logger), logger);
  const stopRefinement = scheduleRefinement(services.jobs.refreshSuggestions, logger);
  // Verdicts and outcomes flow out to each workspace's outbound URL, from the queue the database keeps.
  const outboundDelivery = services.outboundDelivery();
  const port = await slack.start();
  outboundDelivery.start();
  logger.info(
    {
      port,
      mode: config.slack.appToken ? "socket" : "http",
      workspaces: installs ? "installed" : "one",
    },
    "Lead Triage is running",
  );

  const shutdown = async (signal: string) => {
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    const left = () => Math.max(0, deadline - Date.now());
    const within = (p: Promise<unknown>, ms: number) =>
      Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())]);
    // Whatever hangs, the process ends on time.
    setTimeout(() => process.exit(1), SHUTDOWN_BUDGET_MS + 1_000).unref();
    logger.info({ signal, queued: work.pending, posting: posts.pending }, "shutting down");
    stopRetention();
    stopRefinement();
    stopDigests();
    await within(Promise.all([slack.stop(), outboundDelivery.stop(2_000)]), 3_000);
    // Acked requests are triaged and their checks kept first; then posts get what time is left.
    await within(work.onIdle(), left() - 3_000);
    await within(triage.close(Math.max(0, left() - 2_500)), left() - 2_000);
    await within(posts.onIdle(), left() - 1_000);
    // Verdicts posted meanwhile link their messages to the checks kept above.
    await within(triage.close(Math.max(0, left() - 700)), left() - 500);
    await within(reader.close(), 200);
    logger.info({ unposted: posts.pending, untriaged: work.pending }, "stopped");
    await within(db.close(), left());
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e: unknown) => {
  const { message } = userFacingError(e);
  process.stderr.write(`lead-triage: ${e instanceof UserError ? message : `could not start: ${message}`}\n`);
  process.exit(1);
});
