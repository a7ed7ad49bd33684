import { createServer, type IncomingMessage, type Server } from "node:http";
import { BOT_SCOPES } from "../../src/slack/scopes.js";

/** A fake Slack Web API on 127.0.0.1 that records every call, plus response_url endpoints. Scripted
 * failures (an error code or a 429) apply to the next call of a method. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** The token the call was made with (Authorization: Bearer, or a token field). */
  token: string | undefined;
}

/** What an install's code is exchanged for at oauth.v2.access: one workspace (or one organisation). */
export interface FakeGrant {
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall?: boolean;
  botToken: string;
  botUserId: string;
  installerUserId: string;
}

type Failure =
  | { kind: "error"; error: string }
  | { kind: "rate_limited"; retryAfter: number }
  /** Never answers (until the fake stops): a hung Slack. */
  | { kind: "hang" };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Channels where chat.postMessage keeps failing with this error (the app was removed, say). */
  readonly channelErrors = new Map<string, string>();
  /** Files served at url_private (/files/<name>), and who asked for them. */
  readonly files = new Map<string, string>();
  readonly downloads: { path: string; authorization: string }[] = [];
  /** Files uploaded to an upload_url (files.uploadV2's second step). */
  readonly uploads: { id: string; bytes: Buffer }[] = [];
  /** Install codes oauth.v2.access exchanges (each once, as Slack does). */
  readonly grants = new Map<string, FakeGrant>();
  /** Tokens Slack no longer takes (revoked, uninstalled): every call with one fails with token_revoked. */
  readonly revokedTokens = new Set<string>();
  /** Users that users.info reports as workspace admins. */
  readonly workspaceAdmins = new Set<string>();
  readonly responses: { id: string; body: Record<string, unknown>; at: number }[] = [];
  private readonly failures = new Map<string, (Failure & { channel?: string | undefined })[]>();
  /** Statuses the next response_url posts get (500: Slack's side failed). */
  private readonly responseFailures: number[] = [];
  /** Every method hangs while this is set (a Slack outage). */
  hangAll = false;
  private readonly hung = new Set<import("node:http").ServerResponse>();
  private server: Server | undefined;
  private nextTs = 1_700_000_000;
  url = "";
  /** What `apps.connections.open` hands out (a Socket Mode test's WebSocket server). */
  socketUrl = "";

  /** The next call of `method` fails; with `channel`, the next call to that channel only, so a late post of an
   * earlier test cannot take the failure meant for this one. */
  failNext(method: string, failure: Failure, channel?: string): void {
    const list = this.failures.get(method) ?? [];
    list.push({ ...failure, channel });
    this.failures.set(method, list);
  }

  private takeFailure(method: string, body: Record<string, unknown>): Failure | undefined {
    const list = this.failures.get(method);
    const at = list?.findIndex((f) => f.channel === undefined || f.channel === body.channel) ?? -1;
    return at < 0 ? undefined : list?.splice(at, 1)[0];
  }

  failNextResponse(status: number): void {
    this.responseFailures.push(status);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Options for a Web API client of the app's that talks to this fake. */
  clientOptions() {
    return { slackApiUrl: `${this.url}/api/`, retryConfig: { retries: 0 } };
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  async waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for a Slack call");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const path = req.url ?? "";
      if (req.method === "GET" && path.startsWith("/files/")) {
        const content = this.files.get(path.slice("/files/".length));
        this.downloads.push({ path, authorization: String(req.headers.authorization ?? "") });
        if (content === undefined) res.writeHead(404).end("not found");
        else res.writeHead(200, { "content-type": "text/plain" }).end(content);
        return;
      }
      if (path.startsWith("/upload/")) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        this.uploads.push({ id: path.slice("/upload/".length), bytes: Buffer.concat(chunks) });
        res.writeHead(200, { "content-type": "text/plain" }).end("OK");
        return;
      }
      const body = await readBody(req);
      if (path.startsWith("/respond/")) {
        const status = this.responseFailures.shift();
        if (status !== undefined) {
          res.writeHead(status, { "content-type": "text/plain" }).end("error");
          return;
        }
        this.responses.push({ id: path.slice("/respond/".length), body, at: Date.now() });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
      const failure = this.takeFailure(method, body);
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
      const token = bearer ?? (typeof body.token === "string" ? body.token : undefined);
      this.calls.push({ method, body, at: Date.now(), token });
      if (token !== undefined && this.revokedTokens.has(token)) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error: "token_revoked" }));
        return;
      }
      if (failure?.kind === "hang" || (this.hangAll && method !== "auth.test")) {
        this.hung.add(res);
        res.on("close", () => this.hung.delete(res));
        return;
      }
      if (failure?.kind === "rate_limited") {
        res.writeHead(429, { "retry-after": String(failure.retryAfter), "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      if (failure?.kind === "error") {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error: failure.error }));
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(this.answer(method, body, token)));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  private grantFor(token: string | undefined): FakeGrant | undefined {
    return [...this.grants.values()].find((g) => g.botToken === token);
  }

  private answer(
    method: string,
    body: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> {
    switch (method) {
      case "auth.test": {
        const grant = this.grantFor(token);
        return {
          ok: true,
          url: grant?.enterpriseId ? "https://acme-org.enterprise.slack.com/" : "https://acme.slack.com/",
          team: grant?.teamName ?? "Acme",
          user: "lead_triage",
          team_id: grant?.teamId ?? "T0001",
          user_id: grant?.botUserId ?? "UBOT",
          bot_id: `B${(grant?.botUserId ?? "UBOT").slice(1)}`,
          ...(grant?.enterpriseId
            ? { enterprise_id: grant.enterpriseId, is_enterprise_install: grant.isEnterpriseInstall === true }
            : {}),
        };
      }
      case "oauth.v2.access": {
        const grant = this.grants.get(String(body.code));
        if (grant === undefined) return { ok: false, error: "invalid_code" };
        this.grants.delete(String(body.code));
        // Kept under the token, so auth.test still knows whose it is.
        this.grants.set(`used:${grant.botToken}`, grant);
        return {
          ok: true,
          access_token: grant.botToken,
          token_type: "bot",
          // Slack grants what the install link asked for.
          scope: BOT_SCOPES.join(","),
          bot_user_id: grant.botUserId,
          app_id: "A0LEADTRIAGE",
          team: grant.teamId ? { id: grant.teamId, name: grant.teamName ?? "Acme" } : null,
          enterprise: grant.enterpriseId
            ? { id: grant.enterpriseId, name: grant.enterpriseName ?? "Acme Org" }
            : null,
          authed_user: { id: grant.installerUserId },
          is_enterprise_install: grant.isEnterpriseInstall === true,
        };
      }
      case "chat.postMessage":
        if (this.channelErrors.has(String(body.channel)))
          return { ok: false, error: this.channelErrors.get(String(body.channel)) };
        return {
          ok: true,
          channel: body.channel,
          ts: `${this.nextTs++}.000100`,
          message: { text: body.text },
        };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "invalid_auth" };
      case "reactions.add":
        return { ok: true };
      case "files.getUploadURLExternal": {
        const id = `F${this.nextTs++}`;
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return { ok: true, files: [{ id: "F1" }] };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case "users.info":
        return {
          ok: true,
          user: { id: body.user, is_admin: this.workspaceAdmins.has(String(body.user)), is_owner: false },
        };
      case "views.open":
      case "views.publish":
        return { ok: true, view: { id: "V1" } };
      // A workflow step's end: Slack wants the execution id, and outputs or an error.
      case "functions.completeSuccess":
      case "functions.completeError":
        return typeof body.function_execution_id === "string" && body.function_execution_id
          ? { ok: true }
          : { ok: false, error: "invalid_arguments" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw.length === 0) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json"))
    return JSON.parse(raw) as Record<string, unknown>;
  // The Web API client form-encodes, with objects (blocks) as JSON strings.
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}
