import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import { errorSummary } from "../logger.js";
import type { SlackDeps } from "./deps.js";
import { registerCommands } from "./listeners/commands.js";
import { registerEventDedupe, registerEvents } from "./listeners/events.js";
import { registerHome } from "./listeners/home.js";
import { registerShortcuts } from "./listeners/shortcuts.js";
import { boltLogger } from "./logger.js";

export interface SlackApp {
  app: App;
  /** The HTTP server: Slack's requests in HTTP mode, and /health in both modes. */
  server: Server;
  start(): Promise<number>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  config: SlackConfig;
  deps: SlackDeps;
  /** Reports whether the database answers, for /health. */
  ping: () => Promise<boolean>;
}

async function health(ping: () => Promise<boolean>, res: ServerResponse): Promise<void> {
  const ok = await ping().catch(() => false);
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: ok ? "ok" : "unavailable", database: ok ? "up" : "down" }));
}

/** Builds the Bolt app: Socket Mode when an app token is configured (one team, no public URL), otherwise
 * the HTTP receiver at /slack/events with Slack's signature verification. /health answers in both. */
export function createSlackApp({ config, deps, ping }: SlackAppOptions): SlackApp {
  const logger = boltLogger(deps.logger);
  const clientOptions = config.apiUrl ? { slackApiUrl: config.apiUrl } : {};
  let app: App;
  let listener: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
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
      endpoints: "/slack/events",
      logger,
      customRoutes: [{ path: "/health", method: ["GET"], handler: (_req, res) => void health(ping, res) }],
    });
    app = new App({ token: config.botToken, receiver, logger, clientOptions });
    listener = receiver.requestListener;
  }

  registerEventDedupe(app, deps);
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerEvents(app, deps);
  registerHome(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: errorSummary(error) }, "unhandled listener error");
  });

  const server = createServer((req, res) => {
    const started = performance.now();
    res.on("finish", () => {
      deps.logger.info(
        {
          method: req.method,
          path: req.url?.split("?")[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    if (listener) {
      listener(req, res);
    } else if (req.url === "/health") {
      void health(ping, res);
    } else {
      res.writeHead(404).end();
    }
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (config.appToken) await app.stop();
    },
  };
}
