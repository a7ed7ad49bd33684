import { describe, expect, it } from "vitest";
import { readOutcomeReport } from "../../src/domain/outcomes/readReport.js";
import { REASON_IDS, reasonIn } from "../../src/domain/outcomes/reasons.js";

describe("reading outcome replies in a verdict's thread", () => {
  it.each([
    ["lost – no budget, 3-person agency", "lost", "no_budget"],
    ["DQ: student", "disqualified", "student_academic"],
    ["won!", "won", undefined],
    ["Won 🎉 signed the annual plan", "won", undefined],
    ["closed lost, went with a competitor", "lost", "chose_competitor"],
    ["perdido: sin presupuesto", "lost", "no_budget"],
    ["Verloren – zu teuer", "lost", "price"],
    ["perdu, pas de réponse depuis 3 semaines", "lost", "unresponsive"],
    ["disqualified - just a job seeker", "disqualified", "job_seeker"],
    ["no-show for the demo", "no_show", undefined],
    ["lost", "lost", undefined],
    ["ok so we lost this one, bad timing", "lost", "bad_timing"],
    ["verdict was wrong, they're a great fit", "verdict_wrong", undefined],
  ] as const)("%s → %s (%s)", (text, outcome, reason) => {
    const reading = readOutcomeReport(text);
    expect(reading).toEqual(reason ? { kind: "report", outcome, reason } : { kind: "report", outcome });
  });

  it.each([
    "thanks, I'll call them tomorrow",
    "Great, sending the deck now",
    "can you check their website?",
    "",
  ])("leaves conversation alone: %s", (text) => {
    expect(readOutcomeReport(text)).toEqual({ kind: "none" });
  });

  it.each([
    "I'm worried we might have lost them to the incumbent after the call",
    "won or lost? not sure yet",
  ])("asks instead of guessing: %s", (text) => {
    expect(readOutcomeReport(text).kind).toBe("unsure");
  });

  it("maps every canonical reason's own label back to it", async () => {
    const { REASONS } = await import("../../src/domain/outcomes/reasons.js");
    for (const id of REASON_IDS) {
      if (id === "other") continue;
      expect(reasonIn(REASONS[id].words[0] as string), id).toBe(id);
    }
  });
});

describe("CRM statuses and columns", async () => {
  const { statusOutcome, findColumn, CRM_COLUMNS } = await import("../../src/domain/outcomes/crm.js");
  it.each([
    ["Closed Won", "won"],
    ["Closed - Converted", "won"],
    ["Closed Lost", "lost"],
    ["Disqualified", "disqualified"],
    ["Unqualified", "disqualified"],
    ["Nurture", "open"],
    ["Open - Not Contacted", "open"],
    ["Working - Contacted", "open"],
    ["", undefined],
    ["Mystery", undefined],
  ] as const)("%s → %s", (value, expected) => {
    expect(statusOutcome(value)).toBe(expected);
  });

  it("finds Salesforce API names and HubSpot labels, and honours an override", () => {
    const sf = ["Id", "Status", "Closed_Lost_Reason__c", "CreatedDate"];
    expect(findColumn(sf, CRM_COLUMNS.reason)).toBe(2);
    expect(findColumn(sf, CRM_COLUMNS.date)).toBe(3);
    const hs = ["Record ID", "Lead Status", "Closed Lost Reason", "Create Date", "Stage"];
    expect(findColumn(hs, CRM_COLUMNS.status)).toBe(1);
    expect(findColumn(hs, CRM_COLUMNS.status, "Stage")).toBe(4);
    expect(findColumn(hs, CRM_COLUMNS.id)).toBe(0);
  });
});
