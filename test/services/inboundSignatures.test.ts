import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RateLimit } from "../../src/services/inbound/rateLimit.js";
import {
  leadTriageSignature,
  signedHeaders,
  verifySignature,
} from "../../src/services/inbound/signatures.js";

const SECRET = "lts_3kQp7wX2mZ9vB4nR8tY1uE6iO0aS5dF";
const body = Buffer.from('{"email":"n.osei@kumasiagro.gh","company":"Kumasi Agro"}');
const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const request = (headers: Record<string, string>, urls = ["https://triage.example.com/leads/ep_x"]) => ({
  method: "POST",
  urls,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  body,
});

describe("inbound signatures", () => {
  it("accepts the app's own v1 signature inside the 5-minute window, either side, and nothing else", () => {
    expect(verifySignature(request(signedHeaders(SECRET, body, NOW)), SECRET, NOW)).toEqual({
      ok: true,
      scheme: "lead-triage",
    });
    // A sender's clock a little ahead is fine; 5 minutes and a second either way is not.
    expect(verifySignature(request(signedHeaders(SECRET, body, NOW + 290_000)), SECRET, NOW).ok).toBe(true);
    for (const skew of [-301_000, 301_000])
      expect(verifySignature(request(signedHeaders(SECRET, body, NOW + skew)), SECRET, NOW)).toMatchObject({
        ok: false,
        reason: expect.stringContaining("5-minute window"),
      });
    // The signature covers the timestamp: moving it breaks the signature.
    const moved = { ...signedHeaders(SECRET, body, NOW), "X-Lead-Triage-Timestamp": String(NOW / 1000 + 1) };
    expect(verifySignature(request(moved), SECRET, NOW)).toEqual({
      ok: false,
      reason: "signature does not match",
    });
    expect(leadTriageSignature(SECRET, 1764849600, body)).toBe(
      `v1=${createHmac("sha256", SECRET).update(`v1:1764849600:${body}`).digest("hex")}`,
    );
    expect(verifySignature(request({}), SECRET, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("missing signature"),
    });
  });

  it("checks HubSpot's v3 signature against the URL it called (http or https behind a proxy) and its window", () => {
    const ts = String(NOW - 60_000);
    const sign = (url: string) =>
      createHmac("sha256", SECRET).update(`POST${url}${body}${ts}`).digest("base64");
    const headers = {
      "X-HubSpot-Signature-v3": sign("https://triage.example.com/leads/ep_x"),
      "X-HubSpot-Request-Timestamp": ts,
    };
    expect(verifySignature(request(headers), SECRET, NOW)).toEqual({ ok: true, scheme: "hubspot" });
    expect(
      verifySignature(request(headers, ["https://elsewhere.example.com/leads/ep_x"]), SECRET, NOW).ok,
    ).toBe(false);
    expect(verifySignature(request(headers), SECRET, NOW + 10 * 60_000).ok).toBe(false);
  });

  it("checks Typeform's body signature", () => {
    const good = `sha256=${createHmac("sha256", SECRET).update(body).digest("base64")}`;
    expect(verifySignature(request({ "Typeform-Signature": good }), SECRET, NOW)).toEqual({
      ok: true,
      scheme: "typeform",
    });
    expect(verifySignature(request({ "Typeform-Signature": good }), `${SECRET}x`, NOW).ok).toBe(false);
  });
});

describe("the README's curl example", () => {
  const hasOpenssl = (() => {
    try {
      execFileSync("openssl", ["version"]);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasOpenssl)("signs with openssl exactly as the app checks", () => {
    // The README's line: SIG=$(printf 'v1:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')
    const sig = execFileSync(
      "sh",
      ["-c", `printf 'v1:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //'`],
      { env: { ...process.env, TS: "1764849600", BODY: body.toString(), SECRET }, encoding: "utf8" },
    ).trim();
    expect(`v1=${sig}`).toBe(leadTriageSignature(SECRET, 1764849600, body));
  });
});

describe("the per-workspace rate", () => {
  it("allows a second's worth at once, then one per 1/rate seconds, each workspace on its own", () => {
    let now = 0;
    const rate = new RateLimit(20, () => now);
    const first = Array.from({ length: 25 }, () => rate.take("T0001"));
    expect(first.filter((w) => w === 0)).toHaveLength(20);
    expect(first.at(-1)).toBe(1);
    expect(rate.take("T0002")).toBe(0);
    now += 100; // two tokens back
    expect([rate.take("T0001"), rate.take("T0001"), rate.take("T0001")]).toEqual([0, 0, 1]);
  });
});
