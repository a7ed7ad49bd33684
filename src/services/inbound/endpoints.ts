import { randomBytes } from "node:crypto";
import { type FieldMap, readLeadBody } from "../../domain/inbound/leadBody.js";
import type { Repositories } from "../ports/index.js";
import { DatabaseSealer, sharedSecret } from "../sealer.js";
import { RateLimit } from "./rateLimit.js";
import { type SignedRequest, verifySignature } from "./signatures.js";

/** The largest body an endpoint reads: a form's fields, never a file. */
export const MAX_LEAD_BODY_BYTES = 64 * 1024;
/** The per-workspace rate an instance accepts, by default. */
export const DEFAULT_INBOUND_RATE = 20;
const ENDPOINT_ID = /^ep_[A-Za-z0-9]{20}$/;

export interface EndpointView {
  id: string;
  channelId: string;
  fieldMap: FieldMap | null;
  createdAt: Date;
  rotatedAt: Date | null;
  counts: { pending: number; posted: number; failed: number };
}

/** What an endpoint answers a sender: a status, a JSON body and any headers. */
export interface InboundAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Set when a new lead was kept: the queue can be nudged. */
  accepted?: string;
}

const refusal = (status: number, error: string, headers?: Record<string, string>): InboundAnswer => ({
  status,
  body: { error },
  ...(headers ? { headers } : {}),
});

const newId = () => {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return `ep_${[...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join("")}`;
};

/** Endpoints web forms and CRMs post leads to: made, rotated and revoked by admins, their secrets sealed with a
 * key the database makes once; and each request's answer (404, 401, 400, 429 or 202) decided before the lead is
 * kept, so nothing is acknowledged that is not written. */
export class InboundService {
  private readonly sealer: DatabaseSealer;
  private readonly rate: RateLimit;

  constructor(
    private readonly store: Pick<Repositories, "inbound" | "memory">,
    options: { ratePerSecond?: number } = {},
  ) {
    this.rate = new RateLimit(options.ratePerSecond ?? DEFAULT_INBOUND_RATE);
    this.sealer = new DatabaseSealer(store);
  }

  /** A new endpoint posting into `channelId`; the secret is returned once and kept only sealed. */
  async setup(
    workspaceId: string,
    channelId: string,
    createdBy: string,
    givenSecret?: string,
  ): Promise<{ id: string; secret: string }> {
    const secret = sharedSecret(givenSecret);
    const id = newId();
    const sealedSecret = await this.sealer.seal(secret);
    await this.store.inbound.createEndpoint({ id, workspaceId, channelId, sealedSecret, createdBy });
    return { id, secret };
  }

  /** A new secret for the endpoint (the old one stops at once); undefined when the workspace has no such endpoint. */
  async rotate(workspaceId: string, id: string, givenSecret?: string): Promise<string | undefined> {
    const secret = sharedSecret(givenSecret);
    const sealed = await this.sealer.seal(secret);
    return (await this.store.inbound.rotateEndpoint(workspaceId, id, sealed)) ? secret : undefined;
  }

  revoke(workspaceId: string, id: string): Promise<boolean> {
    return this.store.inbound.revokeEndpoint(workspaceId, id);
  }

  setFieldMap(workspaceId: string, id: string, map: FieldMap | null): Promise<boolean> {
    return this.store.inbound.setFieldMap(workspaceId, id, map as Record<string, string> | null);
  }

  async list(workspaceId: string): Promise<EndpointView[]> {
    const [endpoints, counts] = await Promise.all([
      this.store.inbound.listEndpoints(workspaceId),
      this.store.inbound.counts(workspaceId),
    ]);
    return endpoints.map((e) => ({
      id: e.id,
      channelId: e.channelId,
      fieldMap: e.fieldMap,
      createdAt: e.createdAt,
      rotatedAt: e.rotatedAt,
      counts: counts.get(e.id) ?? { pending: 0, posted: 0, failed: 0 },
    }));
  }

  /** Readies what the first request would otherwise wait for: the sealing key, the endpoint lookup's query plan
   * and a database connection. Never throws (the first request then just waits). */
  async warm(): Promise<void> {
    await Promise.all([
      this.sealer.open(await this.sealer.seal("warm")).catch(() => undefined),
      this.store.inbound.findEndpoint("ep_warmwarmwarmwarmwarm").catch(() => undefined),
    ]);
  }

  /** An endpoint's secret, for the CLI's `inbound send` (it runs where the database is). */
  async secretOf(workspaceId: string, id: string): Promise<string | undefined> {
    const endpoint = await this.store.inbound.findEndpoint(id);
    if (endpoint === undefined || endpoint.workspaceId !== workspaceId || endpoint.revokedAt)
      return undefined;
    return await this.sealer.open(endpoint.sealedSecret);
  }

  /** Answers one posted lead: unknown endpoint 404, bad signature 401, too fast 429, bad body 400; otherwise the
   * lead is written and the answer is 202 (200 for a delivery already kept under the same key). */
  async receive(
    endpointId: string,
    request: SignedRequest & { contentType: string | undefined; idempotencyKey: string | undefined },
  ): Promise<InboundAnswer> {
    const endpoint = ENDPOINT_ID.test(endpointId)
      ? await this.store.inbound.findEndpoint(endpointId)
      : undefined;
    if (endpoint === undefined || endpoint.revokedAt !== null) return refusal(404, "unknown endpoint");
    const secret = await this.sealer.open(endpoint.sealedSecret);
    const signature = verifySignature(request, secret);
    if (!signature.ok) return refusal(401, signature.reason);
    const wait = this.rate.take(endpoint.workspaceId);
    if (wait > 0)
      return refusal(429, "too many leads at once: retry after the time in Retry-After", {
        "Retry-After": String(wait),
      });
    const lead = readLeadBody(request.contentType, request.body.toString("utf8"), endpoint.fieldMap ?? {});
    if (!lead.ok) return refusal(400, lead.reason);
    const key = request.idempotencyKey?.trim().slice(0, 200) || lead.sourceKey;
    const kept = await this.store.inbound.accept({
      endpointId: endpoint.id,
      workspaceId: endpoint.workspaceId,
      channelId: endpoint.channelId,
      sourceKey: key ?? null,
      text: lead.text,
    });
    if (kept.duplicate) return { status: 200, body: { id: kept.id, status: "duplicate" } };
    return { status: 202, body: { id: kept.id, status: "accepted" }, accepted: kept.id };
  }
}
