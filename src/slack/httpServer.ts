import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorSummary, type Logger } from "../logger.js";

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpRoutes {
  /** Reports whether the database answers, for /health. */
  ping: () => Promise<boolean>;
  /** Bolt's receiver for Slack's signed requests (HTTP mode only). */
  slackEvents?: RequestListener;
  /** Bolt's "Add to Slack" page and OAuth redirect (distribution mode only). */
  install?: RequestListener;
  /** Leads posted by web forms and CRMs to /leads/<endpoint id>. */
  inbound?: (req: IncomingMessage, res: ServerResponse, endpointId: string) => void;
  logger: Logger;
}

export const SLACK_EVENTS_PATH = "/slack/events";
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";
/** Where web forms and CRMs post leads: POST /leads/<endpoint id>. */
export const INBOUND_PATH = "/leads/";

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

async function health(ping: () => Promise<boolean>, req: IncomingMessage, res: ServerResponse) {
  const ok = await ping().catch(() => false);
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  // HEAD (load-balancer probes) gets the status without a body.
  res.end(
    req.method === "HEAD"
      ? undefined
      : JSON.stringify({ status: ok ? "ok" : "unavailable", database: ok ? "up" : "down" }),
  );
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`${text}\n`);
}

/** Routes every request itself, so no request can reach Bolt's receiver unless it is Slack's POST: Bolt
 * throws on paths it does not know (HTTPReceiverDeferredRequestError), and a throw from a server handler
 * ends the process. Unknown paths get 404, wrong methods 405, and any error in a handler 500 and a log line. */
export function route(routes: HttpRoutes): RequestListener {
  return (req, res) => {
    const fail = (e: unknown) => {
      routes.logger.error({ err: errorSummary(e), path: pathOf(req) }, "request handler failed");
      plain(res, 500, "internal error");
    };
    try {
      const path = pathOf(req);
      const method = (req.method ?? "GET").toUpperCase();
      if (path === "/health") {
        if (method === "GET" || method === "HEAD") health(routes.ping, req, res).catch(fail);
        else plain(res, 405, "method not allowed", { allow: "GET, HEAD" });
      } else if (path === SLACK_EVENTS_PATH && routes.slackEvents) {
        if (method === "POST") routes.slackEvents(req, res);
        else plain(res, 405, "method not allowed", { allow: "POST" });
      } else if ((path === INSTALL_PATH || path === REDIRECT_PATH) && routes.install) {
        if (method === "GET") routes.install(req, res);
        else plain(res, 405, "method not allowed", { allow: "GET" });
      } else if (path.startsWith(INBOUND_PATH) && routes.inbound) {
        if (method === "POST") routes.inbound(req, res, path.slice(INBOUND_PATH.length));
        else plain(res, 405, "method not allowed", { allow: "POST" });
      } else {
        plain(res, 404, "not found");
      }
    } catch (e) {
      fail(e);
    }
  };
}

/** The app's HTTP server: Slack's requests in HTTP mode and /health in both modes, with a request log. */
export function createHttpServer(routes: HttpRoutes): Server {
  const handle = route(routes);
  const server = createServer((req, res) => {
    const started = performance.now();
    res.on("finish", () => {
      routes.logger.info(
        {
          method: req.method,
          path: pathOf(req),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    handle(req, res);
  });
  // A client that sends garbage gets a 400 from Node; it must never become an uncaught error.
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  return server;
}
