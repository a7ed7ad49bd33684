import type { IncomingMessage, ServerResponse } from "node:http";
import { errorSummary, type Logger } from "../logger.js";
import { type InboundService, MAX_LEAD_BODY_BYTES } from "../services/inbound/endpoints.js";

class BodyTooLarge extends Error {}

/** The raw body, refused past `limit` bytes without reading the rest into memory. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

/** The addresses a sender may have signed (HubSpot signs the whole URL it called): the Host the request names
 * (or the proxy's X-Forwarded-Host), over https and http. */
function calledUrls(req: IncomingMessage): string[] {
  const forwarded = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host ?? "";
  const path = req.url ?? "/";
  return [`https://${host}${path}`, `http://${host}${path}`];
}

/** Answers POSTs to /leads/<id>: the body is read (at most 64 KB), the service decides, a kept lead nudges the
 * queue that posts its verdict. Every answer is JSON with a one-line reason when it refuses. */
export function inboundRoute(
  inbound: InboundService,
  onAccepted: (id: string) => void,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse, endpointId: string) => void {
  return (req, res, endpointId) => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    readBody(req, MAX_LEAD_BODY_BYTES)
      .then((body) =>
        inbound.receive(endpointId, {
          method: req.method ?? "POST",
          urls: calledUrls(req),
          headers: req.headers,
          body,
          contentType: header("content-type"),
          idempotencyKey: header("idempotency-key"),
        }),
      )
      .then((answer) => {
        json(res, answer.status, answer.body, answer.headers);
        if (answer.status >= 400 && answer.status !== 404)
          logger.warn(
            { endpoint: endpointId, status: answer.status, reason: answer.body.error },
            "inbound lead refused",
          );
        if (answer.accepted) onAccepted(answer.accepted);
      })
      .catch((e: unknown) => {
        if (e instanceof BodyTooLarge) {
          json(
            res,
            413,
            { error: `the body is over ${MAX_LEAD_BODY_BYTES / 1024} KB` },
            { connection: "close" },
          );
          return;
        }
        logger.error({ err: errorSummary(e), endpoint: endpointId }, "inbound lead not kept");
        // Nothing was acknowledged: the sender retries, and nothing is lost.
        json(res, 503, { error: "the lead could not be kept just now; retry" }, { "Retry-After": "5" });
      });
  };
}
