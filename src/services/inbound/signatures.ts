import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed timestamp may be from now, either way: replays older than this are refused. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export const TIMESTAMP_HEADER = "x-lead-triage-timestamp";
export const SIGNATURE_HEADER = "x-lead-triage-signature";
const TYPEFORM_HEADER = "typeform-signature";
const HUBSPOT_HEADER = "x-hubspot-signature-v3";
const HUBSPOT_TIMESTAMP = "x-hubspot-request-timestamp";

export type SignatureScheme = "lead-triage" | "typeform" | "hubspot";

export type SignatureCheck = { ok: true; scheme: SignatureScheme } | { ok: false; reason: string };

/** What a signature is checked against: the request as it arrived. */
export interface SignedRequest {
  method: string;
  /** The addresses the sender may have called (HubSpot signs the full URL; behind a proxy, http or https). */
  urls: readonly string[];
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

const hmac = (secret: string, ...parts: (string | Buffer)[]) => {
  const h = createHmac("sha256", secret);
  for (const part of parts) h.update(part);
  return h.digest();
};

/** The app's own signature: hex HMAC-SHA256 of "v1:<timestamp>:<raw body>", keyed with the endpoint secret. */
export function leadTriageSignature(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return `v1=${hmac(secret, `v1:${timestampSeconds}:`, body).toString("hex")}`;
}

/** The two headers a sender adds (the CLI's `inbound send`, outbound events, tests). */
export function signedHeaders(
  secret: string,
  body: string | Buffer,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    "X-Lead-Triage-Timestamp": String(timestamp),
    "X-Lead-Triage-Signature": leadTriageSignature(secret, timestamp, body),
  };
}

/** Equal in constant time; different lengths are simply unequal. */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const header = (req: SignedRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function withinWindow(timestampMs: number, now: number): boolean {
  return Number.isFinite(timestampMs) && Math.abs(now - timestampMs) <= SIGNATURE_WINDOW_MS;
}

/** Checks whichever signature the request carries, ours first: Lead Triage's (timestamped), HubSpot's v3
 * (timestamped; the endpoint's secret is then the HubSpot app's client secret) or Typeform's (the secret pasted
 * into the form's webhook settings; replays are caught by the response token's idempotency). */
export function verifySignature(req: SignedRequest, secret: string, now = Date.now()): SignatureCheck {
  const ours = header(req, SIGNATURE_HEADER);
  if (ours !== undefined) {
    const timestamp = header(req, TIMESTAMP_HEADER) ?? "";
    if (!/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
    if (!withinWindow(Number(timestamp) * 1000, now))
      return { ok: false, reason: "timestamp outside the 5-minute window (check the sender's clock)" };
    return same(ours, leadTriageSignature(secret, Number(timestamp), req.body))
      ? { ok: true, scheme: "lead-triage" }
      : { ok: false, reason: "signature does not match" };
  }
  const hubspot = header(req, HUBSPOT_HEADER);
  if (hubspot !== undefined) {
    const timestamp = header(req, HUBSPOT_TIMESTAMP) ?? "";
    if (!/^\d{1,15}$/.test(timestamp))
      return { ok: false, reason: `missing or malformed ${HUBSPOT_TIMESTAMP}` };
    if (!withinWindow(Number(timestamp), now))
      return { ok: false, reason: "timestamp outside the 5-minute window" };
    const matches = req.urls.some((url) =>
      same(hubspot, hmac(secret, req.method, decodeURI(url), req.body, timestamp).toString("base64")),
    );
    return matches ? { ok: true, scheme: "hubspot" } : { ok: false, reason: "signature does not match" };
  }
  const typeform = header(req, TYPEFORM_HEADER);
  if (typeform !== undefined)
    return same(typeform, `sha256=${hmac(secret, req.body).toString("base64")}`)
      ? { ok: true, scheme: "typeform" }
      : { ok: false, reason: "signature does not match" };
  return { ok: false, reason: `missing signature (send ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER})` };
}
