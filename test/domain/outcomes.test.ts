import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readOutcomeReport } from "../../src/domain/outcomes/readReport.js";
import { REASON_IDS } from "../../src/domain/outcomes/reasons.js";
import {
  MAX_REASONS,
  newReason,
  ReasonChangeError,
  ReasonTaxonomy,
  renamedReason,
} from "../../src/domain/outcomes/taxonomy.js";

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
      expect(ReasonTaxonomy.defaults.find(REASONS[id].words[0] as string), id).toBe(id);
    }
  });
});

describe("a workspace's reason taxonomy", () => {
  const defaults = ReasonTaxonomy.defaults;

  it("adds a reason that replies, CRM columns and the picklist then know, before Other", () => {
    const added = newReason(defaults, "Needs on-premise", ["on-prem", "self hosted"]);
    expect(added).toEqual({
      id: "needs_on_premise",
      label: "Needs on-premise",
      words: ["on-prem", "self hosted"],
    });
    const taxonomy = ReasonTaxonomy.withChanges([added]);
    expect(taxonomy.find("lost, they need it on-prem")).toBe("needs_on_premise");
    expect(taxonomy.find("Self-Hosted only")).toBe("needs_on_premise");
    expect(taxonomy.find("needs on premise")).toBe("needs_on_premise");
    expect(readOutcomeReport("DQ: needs on-prem", taxonomy)).toEqual({
      kind: "report",
      outcome: "disqualified",
      reason: "needs_on_premise",
    });
    expect(taxonomy.entries.at(-1)?.id).toBe("other");
    expect(taxonomy.entries.at(-2)?.id).toBe("needs_on_premise");
    // The defaults are untouched: another workspace never sees it.
    expect(defaults.find("on-prem")).toBeUndefined();
  });

  it("renames a reason keeping its id, and its old name still maps replies", () => {
    const renamed = renamedReason(defaults, "No budget", "Budget frozen");
    const taxonomy = ReasonTaxonomy.withChanges([renamed]);
    expect(taxonomy.label("no_budget")).toBe("Budget frozen");
    expect(taxonomy.find("budget frozen until Q3")).toBe("no_budget");
    expect(taxonomy.find("no budget")).toBe("no_budget");
    expect(taxonomy.find("sin presupuesto")).toBe("no_budget");
    // Renamed twice: both earlier names still map.
    const again = ReasonTaxonomy.withChanges([renamedReason(taxonomy, "no_budget", "Budget cut")]);
    expect(again.label("no_budget")).toBe("Budget cut");
    expect(again.find("budget frozen")).toBe("no_budget");
    expect(again.find("budget cut")).toBe("no_budget");
  });

  it.each([
    ["", "Give the reason a name"],
    ["No budget", "already a reason called “No budget”"],
    ["no   BUDGET", "already a reason called “No budget”"],
    ["x".repeat(76), "at most 75 characters"],
    ["<@U123> said so", "plain words"],
    ["!!!", "at least one letter"],
  ])("refuses a new reason named %j", (label, message) => {
    expect(() => newReason(defaults, label)).toThrow(ReasonChangeError);
    expect(() => newReason(defaults, label)).toThrow(message);
  });

  it("refuses a rename to a name another reason has, and of a reason that does not exist", () => {
    expect(() => renamedReason(defaults, "No budget", "Price")).toThrow("already a reason called “Price”");
    expect(() => renamedReason(defaults, "Nope", "Whatever")).toThrow("no reason called “Nope”");
    // Renaming to its own name with another case is allowed.
    expect(renamedReason(defaults, "price", "PRICE").label).toBe("PRICE");
  });

  it(`keeps within Slack's picklist: at most ${MAX_REASONS} reasons`, () => {
    const changes = Array.from({ length: MAX_REASONS - defaults.entries.length }, (_, i) =>
      newReason(defaults, `Custom reason ${i}`),
    );
    const full = ReasonTaxonomy.withChanges(changes);
    expect(full.entries).toHaveLength(MAX_REASONS);
    expect(() => newReason(full, "One too many")).toThrow("at most 100 reasons");
  });

  it("shows an id it does not know as words (an outcome stored under another taxonomy)", () => {
    expect(defaults.label("needs_on_premise")).toBe("needs on premise");
  });
});

describe("CRM statuses and columns", async () => {
  const { statusOutcome, findColumn, CRM_COLUMNS, StatusReader } = await import(
    "../../src/domain/outcomes/crm.js"
  );
  it.each([
    // Salesforce leads and opportunities
    ["Open - Not Contacted", "open"],
    ["Working - Contacted", "open"],
    ["Closed - Converted", "won"],
    ["Closed - Not Converted", "disqualified"],
    ["Prospecting", "open"],
    ["Id. Decision Makers", "open"],
    ["Proposal/Price Quote", "open"],
    ["Negotiation/Review", "open"],
    ["Closed Won", "won"],
    ["Closed Lost", "lost"],
    // HubSpot lead statuses, deal stages (labels and internal names) and lifecycle stages
    ["NEW", "open"],
    ["ATTEMPTED_TO_CONTACT", "open"],
    ["UNQUALIFIED", "disqualified"],
    ["BAD_TIMING", "open"],
    ["appointmentscheduled", "open"],
    ["decisionmakerboughtin", "open"],
    ["closedwon", "won"],
    ["closedlost", "lost"],
    ["salesqualifiedlead", "open"],
    ["customer", "won"],
    // Pipedrive
    ["open", "open"],
    ["won", "won"],
    ["lost", "lost"],
    // Zoho
    ["Junk Lead", "disqualified"],
    ["Lost Lead", "lost"],
    ["Not Contacted", "open"],
    ["Not Qualified", "disqualified"],
    ["Pre-Qualified", "open"],
    ["Contact in Future", "open"],
    ["Closed-Lost to Competition", "lost"],
    // Every negated form of a win, and a win's word beside a loss's
    ["Not won", "lost"],
    ["not signed", "lost"],
    ["Never signed", "lost"],
    ["No longer a customer", "lost"],
    ["Non converted", "disqualified"],
    ["Unconverted", "disqualified"],
    ["Closed Lost - Customer chose competitor", "lost"],
    ["Disqualified - not signed", "disqualified"],
    ["Disqualified", "disqualified"],
    ["Unqualified", "disqualified"],
    ["Nurture", "open"],
    ["No show", "no_show"],
    // Not read with confidence: left without an outcome
    ["Won / Lost", undefined],
    ["Won't buy", undefined],
    ["Closed", undefined],
    ["deleted", undefined],
    ["", undefined],
    ["Mystery", undefined],
  ] as const)("%s → %s", (value, expected) => {
    expect(statusOutcome(value)).toBe(expected);
  });

  it("never reads a negated win, or a status with a word of losing, as won (any case, any punctuation)", () => {
    const wins = ["won", "converted", "signed", "closed won", "a customer"];
    const negations = ["not", "Not", "NOT", "non", "never", "no longer"];
    const losses = ["lost", "closed lost", "disqualified", "unqualified", "junk", "spam", "rejected", "dead"];
    const separators = [" ", " - ", ": ", " / ", "_", " – "];
    fc.assert(
      fc.property(
        fc.constantFrom(...wins),
        fc.constantFrom(...negations),
        fc.constantFrom(...losses),
        fc.constantFrom(...separators),
        fc.constantFrom("", "Closed", "Deal", "Lead"),
        (win, negation, loss, separator, head) => {
          const negated = [head, `${negation} ${win}`].filter(Boolean).join(separator);
          expect(statusOutcome(negated)).not.toBe("won");
          const mixed = [head, loss, win].filter(Boolean).join(separator);
          expect(statusOutcome(mixed)).not.toBe("won");
        },
      ),
    );
  });

  it("reads any text without throwing, in linear time", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(["won", "lost", "disqualified", "no_show", "open", undefined]).toContain(statusOutcome(text));
      }),
    );
    const t0 = performance.now();
    statusOutcome(`${"not ".repeat(5_000)}won`);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("reads a team's own statuses first, as folded words", () => {
    const reader = new StatusReader({ Parked: "open", "Closed - Converted": "skip", "Signed up": "lost" });
    expect(reader.read("parked")).toBe("open");
    expect(reader.read("CLOSED  -  CONVERTED")).toBe("skip");
    expect(reader.read("Signed up")).toBe("lost");
    expect(reader.read("Closed Won")).toBe("won");
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
