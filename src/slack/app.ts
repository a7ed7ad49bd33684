import type { Server } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { SlackConfig } from "../config.js";
import { errorSummary } from "../logger.js";
import type { AppDeps, SlackDeps } from "./deps.js";
import { FormSeal } from "./formSeal.js";
import { createHttpServer, type RequestListener, SLACK_EVENTS_PATH } from "./httpServer.js";
import { registerListeners } from "./listeners/index.js";
import { boltLogger } from "./logger.js";
import { SlackUrls } from "./slackUrls.js";

export interface SlackApp {
  app: App;
  /** The HTTP server: Slack's requests in HTTP mode, and /health in both modes. */
  server: Server;
  start(): Promise<number>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  config: SlackConfig;
  deps: Omit<SlackDeps, keyof AppDeps>;
  /** Reports whether the database answers, for /health. */
  ping: () => Promise<boolean>;
}

/** Every Web API call is bounded: a hung Slack answer is abandoned after `timeoutMs` and retried twice at
 * most (429s wait for Retry-After), so a Slack outage cannot hold work for the half hour of the default
 * retry policy. */
export function webApiOptions(timeoutMs: number): WebClientOptions {
  return { timeout: timeoutMs, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 } };
}

/** Builds the Bolt app: Socket Mode when an app token is configured (one team, no public URL), otherwise
 * the HTTP receiver at /slack/events with Slack's signature verification. /health answers in both. */
export function createSlackApp({ config, deps: given, ping }: SlackAppOptions): SlackApp {
  const slackUrls = new SlackUrls(config.apiUrl);
  const deps: SlackDeps = { ...given, slackUrls, forms: new FormSeal(config.signingSecret, slackUrls) };
  const logger = boltLogger(deps.logger);
  const clientOptions: WebClientOptions = {
    ...webApiOptions(config.apiTimeoutMs),
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };
  let app: App;
  let listener: RequestListener | undefined;
  if (config.appToken) {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
    });
    app = new App({ token: config.botToken, receiver, logger, clientOptions });
    listener = receiver.requestListener;
  }

  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: errorSummary(error) }, "unhandled listener error");
  });

  const server = createHttpServer({
    ping,
    logger: deps.logger,
    ...(listener ? { slackEvents: listener } : {}),
  });

  return {
    app,
    server,
    async start() {
      if (config.appToken) await app.start();
      await new Promise<void>((resolve) => server.listen(config.port, resolve));
      const address = server.address();
      return typeof address === "object" && address ? address.port : config.port;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; requests in flight get a moment to finish.
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(force);
      if (config.appToken) await app.stop();
    },
  };
}
