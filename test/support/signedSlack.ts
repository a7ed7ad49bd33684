import { createHmac } from "node:crypto";

/** Sends requests into the app exactly as Slack signs them (v0 HMAC-SHA256 over "v0:{timestamp}:{body}"). */
export class SignedSlack {
  constructor(
    private readonly baseUrl: string,
    private readonly signingSecret: string,
  ) {}

  signature(timestamp: number, body: string): string {
    return `v0=${createHmac("sha256", this.signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  }

  async post(
    body: string,
    contentType: string,
    options: { timestamp?: number; signature?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string; ms: number }> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      ...options.headers,
    };
    if (options.signature !== null)
      headers["x-slack-signature"] = options.signature ?? this.signature(timestamp, body);
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}/slack/events`, { method: "POST", headers, body });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  }

  command(fields: Record<string, string>, options?: Parameters<SignedSlack["post"]>[2]) {
    return this.post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", options);
  }

  interaction(payload: unknown, options?: Parameters<SignedSlack["post"]>[2]) {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
      options,
    );
  }

  event(envelope: unknown, options?: Parameters<SignedSlack["post"]>[2]) {
    return this.post(JSON.stringify(envelope), "application/json", options);
  }
}
