import { describe, expect, it } from "vitest";
import { outboundPayload, slackLink } from "../../src/domain/outbound/payload.js";
import { outboundUrl } from "../../src/domain/outbound/url.js";

describe("an outbound URL", () => {
  it("is https and public unless private addresses are allowed, and carries no credentials", () => {
    expect(outboundUrl("https://hooks.zapier.com/hooks/catch/123/abc/", false)).toEqual({
      ok: true,
      url: "https://hooks.zapier.com/hooks/catch/123/abc/",
    });
    expect(
      outboundUrl("<https://n8n.example.com/webhook/leads|n8n.example.com/webhook/leads>", false),
    ).toEqual({
      ok: true,
      url: "https://n8n.example.com/webhook/leads",
    });
    for (const refused of [
      "http://crm.example.com/hook",
      "https://127.0.0.1/hook",
      "https://localhost:8080/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.3.4/hook",
      "https://192.168.1.20/hook",
      "https://172.20.0.2/hook",
      "https://[::1]/hook",
      "https://metadata.google.internal/",
      "ftp://crm.example.com/",
      "not a url",
    ])
      expect(outboundUrl(refused, false).ok, refused).toBe(false);
    expect(outboundUrl("https://ops:secret@crm.example.com/hook", true)).toMatchObject({ ok: false });
    expect(outboundUrl("http://127.0.0.1:9000/hook", true)).toEqual({
      ok: true,
      url: "http://127.0.0.1:9000/hook",
    });
  });
});

describe("an outbound event's body", () => {
  const check = {
    id: "0b7d5c1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
    workspaceId: "T0001",
    inputKind: "inbound",
    channelId: "C0LEADS01",
    messageTs: "1733300000.000100",
    createdAt: new Date("2026-12-04T10:00:00Z"),
    facts: { company: "Northwind", seniority: "director" },
    rawText: "Email: ana@northwind.com\nCompany: Northwind",
  };
  const verdict = {
    decision: "review" as const,
    risk: 55,
    matches: [
      {
        persona: "bargain-hunter",
        rule: "asks-for-discount",
        reason: "Asks for a discount",
        weight: 55,
        exclude: false,
        evidence: [{ field: "text", text: "discount" }],
      },
    ],
    fits: [],
    missing: ["employees" as const],
    ruleSetVersion: 3,
  };

  it("carries ids, the decision, red flags without the quoted words, the kept facts and the Slack link; words only when asked", () => {
    const body = outboundPayload(
      { id: "e1", type: "verdict.created", createdAt: new Date(), detail: null },
      check,
      verdict as never,
      { includeText: false },
    );
    expect(body).toMatchObject({
      id: "e1",
      type: "verdict.created",
      occurredAt: check.createdAt,
      check: {
        id: check.id,
        decision: "review",
        risk: 55,
        redFlags: [
          { persona: "bargain-hunter", rule: "asks-for-discount", reason: "Asks for a discount", weight: 55 },
        ],
        facts: check.facts,
        slackUrl: "https://slack.com/archives/C0LEADS01/p1733300000000100",
      },
    });
    expect(JSON.stringify(body)).not.toContain("ana@northwind.com");
    expect(JSON.stringify(body)).not.toContain('"evidence"');
    expect(
      outboundPayload(
        {
          id: "e2",
          type: "outcome.recorded",
          createdAt: new Date(),
          detail: { kind: "lost", reason: "price", reportedAt: "2026-12-04T11:00:00Z" },
        },
        check,
        verdict as never,
        { includeText: true },
      ),
    ).toMatchObject({
      occurredAt: "2026-12-04T11:00:00Z",
      check: { text: check.rawText },
      outcome: { kind: "lost", reason: "price" },
    });
    expect(slackLink(null, null)).toBeNull();
  });
});
