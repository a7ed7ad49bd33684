import { describe, expect, it } from "vitest";
import type { DigestData } from "../../src/domain/digest/data.js";
import {
  latestOccurrence,
  localTime,
  periodKey,
  validateSchedule,
} from "../../src/domain/digest/schedule.js";
import { redactContacts } from "../../src/domain/privacy/redact.js";
import { digestMessage } from "../../src/slack/views/digest.js";

const DAY = 86_400_000;

describe("digest schedules", () => {
  it("finds the Monday 09:00 occurrence in the subscription's timezone, within the grace period only", () => {
    // Monday 2026-11-30 09:00 in Berlin is 08:00 UTC.
    const monday = new Date("2026-11-30T08:00:00Z");
    expect(latestOccurrence("0 9 * * 1", "Europe/Berlin", monday, DAY)).toEqual(monday);
    expect(latestOccurrence("0 9 * * 1", "Europe/Berlin", new Date("2026-11-30T08:00:42Z"), DAY)).toEqual(
      monday,
    );
    // Missed while down: still due 20 hours later, never 25 hours later.
    expect(
      latestOccurrence("0 9 * * 1", "Europe/Berlin", new Date(monday.getTime() + 20 * 3_600_000), DAY),
    ).toEqual(monday);
    expect(
      latestOccurrence("0 9 * * 1", "Europe/Berlin", new Date(monday.getTime() + 25 * 3_600_000), DAY),
    ).toBeUndefined();
    expect(
      latestOccurrence("0 9 * * 1", "Europe/Berlin", new Date(monday.getTime() - 60_000), DAY),
    ).toBeUndefined();
    // The same schedule in New York is five hours later.
    expect(latestOccurrence("0 9 * * 1", "America/New_York", new Date("2026-11-30T15:00:00Z"), DAY)).toEqual(
      new Date("2026-11-30T14:00:00Z"),
    );
    // Offsets that are not whole hours.
    expect(latestOccurrence("30 8 * * *", "Asia/Kolkata", new Date("2026-11-30T03:10:00Z"), DAY)).toEqual(
      new Date("2026-11-30T03:00:00Z"),
    );
    expect(periodKey(monday)).toBe("2026-11-30T08:00");
  });

  it("follows daylight saving time: 09:00 local stays 09:00 local", () => {
    // Berlin is UTC+2 in summer.
    expect(latestOccurrence("0 9 * * 1", "Europe/Berlin", new Date("2026-06-01T07:30:00Z"), DAY)).toEqual(
      new Date("2026-06-01T07:00:00Z"),
    );
    expect(localTime(new Date("2026-06-01T07:00:00Z"), "Europe/Berlin")).toMatchObject({
      hour: 9,
      minute: 0,
      weekday: 1,
    });
  });

  it("validates a schedule when it is saved", () => {
    expect(validateSchedule("  0  9 * * 1-5 ", "UTC")).toBe("0 9 * * 1-5");
    expect(() => validateSchedule("0 9 * *", "UTC")).toThrow("five-field cron expression");
    expect(() => validateSchedule("0 0 9 * * 1", "UTC")).toThrow("five-field");
    expect(() => validateSchedule("0 25 * * 1", "UTC")).toThrow("not a valid schedule");
    expect(() => validateSchedule("0 9 * * 1", "Mars/Olympus")).toThrow("not a timezone");
    expect(validateSchedule("30 8 1 * *", "UTC")).toBe("30 8 1 * *");
    for (const often of ["* * * * *", "*/15 9 * * 1", "0 9,17 * * *", "0 */6 * * *", "0-5 9 * * 1"])
      expect(() => validateSchedule(often, "UTC")).toThrow("more than once a day");
  });
});

describe("the trend chart", () => {
  it("is a valid PNG of the eight weeks", async () => {
    const { trendPng, trendSvg } = await import("../../src/slack/trendChart.js");
    const svg = trendSvg(week.trend);
    expect(svg.match(/<rect /g)?.length).toBeGreaterThan(8 * 3);
    const png = trendPng(week.trend);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: 640 × 300.
    expect(png.readUInt32BE(16)).toBe(640);
    expect(png.readUInt32BE(20)).toBe(300);
    // An empty history still draws.
    expect(trendPng(week.trend.map((w) => ({ ...w, byDecision: {} }))).length).toBeGreaterThan(100);
  });
});

describe("redaction", () => {
  it("removes emails, phone numbers and mentions, and keeps the rest", () => {
    expect(redactContacts("lost – jane.doe@acme.com said no budget, call +1 (312) 555-0199 or <@U123>")).toBe(
      "lost – [email] said no budget, call [phone] or [someone]",
    );
    expect(redactContacts("3-person agency, 2026 budget")).toBe("3-person agency, 2026 budget");
  });
});

const counts = (byDecision: Record<string, number>) => {
  const total = Object.values(byDecision).reduce((a, b) => a + b, 0);
  return { total, byDecision, averageRisk: total ? 40 : null };
};

const week: DigestData = {
  from: new Date("2026-11-23T08:00:00Z"),
  to: new Date("2026-11-30T08:00:00Z"),
  week: counts({ pass: 10, review: 5, reject: 5 }),
  previousWeek: counts({ pass: 10, review: 0, reject: 0 }),
  topRules: [{ rule: "student-academic/student-title", checks: 4, won: 0, lost: 3 }],
  reasons: [
    {
      label: "No budget",
      count: 3,
      examples: ["they said no budget — jane@acme.com", "tiny team, call 030 1234567"],
    },
  ],
  awaitingOutcome: 7,
  pendingSuggestions: 2,
  trend: Array.from({ length: 8 }, (_, i) => ({
    weekStart: new Date(Date.UTC(2026, 9, 5 + i * 7)),
    byDecision: { pass: 3 + i, review: i % 3, reject: i, needs_info: 1 },
  })),
};

describe("the digest message", () => {
  it("gives the week at a glance with changes, the top red flags, reasons (redacted) and the nudges", () => {
    const m = digestMessage(week);
    const text = JSON.stringify(m.blocks);
    expect(m.blocks[0]).toMatchObject({ type: "header" });
    expect(text).toContain("20 lead(s) checked (▲10)");
    expect(text).toContain("pass *50%* (▼50 pts)");
    expect(text).toContain("reject *25%* (▲25 pts)");
    expect(text).toContain(
      "`student-academic/student-title` fired on 4 lead(s) — so far 3 lost or disqualified, 0 won",
    );
    expect(text).toContain("*No budget* ×3");
    expect(text).toContain("[email]");
    expect(text).toContain("[phone]");
    expect(text).not.toContain("jane@acme.com");
    expect(text).toContain("7 lead(s) from the last 30 days still wait for an outcome");
    expect(text).toContain("2 suggested rule change(s) wait for an admin");
  });

  it("says an empty week in one friendly line", () => {
    const m = digestMessage({
      ...week,
      week: counts({}),
      topRules: [],
      reasons: [],
      awaitingOutcome: 0,
      pendingSuggestions: 0,
    });
    expect(m.blocks).toHaveLength(1);
    expect(m.text).toContain("no leads were checked this week");
  });

  it("stays within Block Kit limits however long the week's words are", () => {
    const long = "x ".repeat(5_000);
    const m = digestMessage({
      ...week,
      topRules: Array.from({ length: 5 }, (_, i) => ({
        rule: `p/${"r".repeat(60)}${i}`,
        checks: 9,
        won: 1,
        lost: 2,
      })),
      reasons: Array.from({ length: 5 }, (_, i) => ({
        label: `Reason ${i}`,
        count: 9,
        examples: [long, long],
      })),
    });
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    for (const b of m.blocks) {
      const t = (b as { text?: { text: string } }).text?.text ?? "";
      expect(t.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(m.blocks).length).toBeLessThan(13_000);
  });
});
