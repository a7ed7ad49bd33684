import type { Server } from "node:http";
import { App, ErrorCode, HTTPReceiver, type InstallationStore, type StateStore } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { SlackConfig } from "../config.js";
import { errorSummary } from "../logger.js";
import type { AppDeps, SlackDeps } from "./deps.js";
import { FormSeal } from "./formSeal.js";
import {
  createHttpServer,
  INSTALL_PATH,
  REDIRECT_PATH,
  type RequestListener,
  SLACK_EVENTS_PATH,
} from "./httpServer.js";
import { InboundDelivery, type InboundDeliveryOptions } from "./inboundDelivery.js";
import { inboundRoute } from "./inboundRoute.js";
import { installCallbacks, installPage } from "./installPages.js";
import { registerListeners } from "./listeners/index.js";
import { boltLogger } from "./logger.js";
import { noteOrganisations } from "./organisations.js";
import { BOT_SCOPES } from "./scopes.js";
import { SlackUrls } from "./slackUrls.js";
import type { WorkspaceClients } from "./workspaceClients.js";

export interface SlackApp {
  app: App;
  /** The HTTP server: Slack's requests in HTTP mode, and /health in both modes. */
  server: Server;
  /** Posts the verdicts of leads that arrived at /leads endpoints. */
  inbound: InboundDelivery;
  start(): Promise<number>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  config: SlackConfig;
  deps: Omit<SlackDeps, keyof AppDeps>;
  /** Reports whether the database answers, for /health. */
  ping: () => Promise<boolean>;
  /** Distribution mode: where each workspace's installation and each install's OAuth state are kept. */
  installs?: { installations: InstallationStore; states: StateStore };
  /** Where Slack's consent screen is (a fake one in tests). */
  authorizationUrl?: string;
  /** The clients that post with no request to answer (inbound leads): one per workspace. */
  workspaceClients: WorkspaceClients;
  /** How the inbound queue is worked (tests shorten its lease). */
  inboundDelivery?: Partial<InboundDeliveryOptions>;
}

/** Every Web API call is bounded: a hung Slack answer is abandoned after `timeoutMs` and retried twice at
 * most (429s wait for Retry-After), so a Slack outage cannot hold work for the half hour of the default
 * retry policy. */
export function webApiOptions(timeoutMs: number): WebClientOptions {
  return { timeout: timeoutMs, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 } };
}

/** Builds the Bolt app. One workspace: Socket Mode when an app token is configured (no public URL), otherwise
 * the HTTP receiver at /slack/events with Slack's signature verification. Distribution: the HTTP receiver
 * with Bolt's OAuth ("Add to Slack" at /slack/install, Slack's redirect at /slack/oauth_redirect), each
 * request authorized with its workspace's installation. /health answers in every mode. */
export function createSlackApp({
  config,
  deps: given,
  ping,
  installs,
  authorizationUrl,
  workspaceClients,
  inboundDelivery,
}: SlackAppOptions): SlackApp {
  const slackUrls = new SlackUrls(config.apiUrl);
  const deps: SlackDeps = { ...given, slackUrls, forms: new FormSeal(config.signingSecret, slackUrls) };
  const logger = boltLogger(deps.logger);
  const clientOptions: WebClientOptions = {
    ...webApiOptions(config.apiTimeoutMs),
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };
  let app: App;
  let listener: RequestListener | undefined;
  const { auth } = config;
  if (auth.mode === "single" && config.appToken) {
    app = new App({
      token: auth.botToken,
      appToken: config.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
  } else if (auth.mode === "single") {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
    });
    app = new App({ token: auth.botToken, receiver, logger, clientOptions });
    listener = receiver.requestListener;
  } else {
    if (!installs) throw new Error("distribution mode needs an installation store and a state store");
    // Bolt's own OAuth: each request is authorized with its workspace's installation, and its `client` carries
    // that workspace's token.
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      stateSecret: auth.stateSecret,
      scopes: [...BOT_SCOPES],
      installationStore: installs.installations,
      ...(auth.redirectUri ? { redirectUri: auth.redirectUri } : {}),
      installerOptions: {
        stateStore: installs.states,
        installPath: INSTALL_PATH,
        redirectUriPath: REDIRECT_PATH,
        renderHtmlForInstallPath: installPage,
        callbackOptions: installCallbacks(deps.logger),
        clientOptions,
        ...(authorizationUrl ? { authorizationUrl } : {}),
      },
    });
    app = new App({ receiver, logger, clientOptions });
    listener = receiver.requestListener;
  }

  if (deps.installations) app.use(noteOrganisations(deps.installations, deps.logger));
  registerListeners(app, deps);
  app.error(async (error) => {
    // Distribution: a workspace that uninstalled (or never installed) may still send a request in flight.
    if (error.code === ErrorCode.AuthorizationError)
      deps.logger.warn("a request came from a workspace the app is not installed in");
    else deps.logger.error({ err: errorSummary(error) }, "unhandled listener error");
  });

  const inbound = new InboundDelivery(deps, deps.inboundQueue, workspaceClients, inboundDelivery);
  const server = createHttpServer({
    ping,
    logger: deps.logger,
    inbound: inboundRoute(deps.inbound, () => inbound.nudge(), deps.logger),
    ...(listener ? { slackEvents: listener } : {}),
    ...(listener && config.auth.mode === "distribution" ? { install: listener } : {}),
  });

  return {
    app,
    server,
    inbound,
    async start() {
      if (config.appToken) await app.start();
      await deps.inbound.warm();
      await new Promise<void>((resolve) => server.listen(config.port, resolve));
      inbound.start();
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
      await inbound.stop();
      if (config.appToken) await app.stop();
    },
  };
}
