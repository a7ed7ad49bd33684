import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, keptEnv, tmp } from "../support/cli.js";

/** The learning loop from the command line: outcomes, imports, reasons, refinement, rule versions. */
describe("outcomes from the command line", () => {
  it("records an outcome for a kept check and lists it", async () => {
    const env = keptEnv();
    const checked = await cli(
      ["check", "--json", "Sam, owner of a 3-person agency, cheapest plan please"],
      undefined,
      env,
    );
    const { checkId } = JSON.parse(checked.stdout) as { checkId: string };
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
    const recorded = await cli(["outcome", checkId, "lost", "no", "budget"], undefined, env);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/^recorded lost \(no budget\) for check /);
    const listed = await cli(["outcomes", "list", "--json"], undefined, env);
    expect(JSON.parse(listed.stdout).outcomes).toEqual([
      expect.objectContaining({ checkId, kind: "lost", reason: "no_budget", repWords: "no budget" }),
    ]);
    const unknown = await cli(["outcome", "00000000-0000-4000-8000-000000000000", "won"], undefined, env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^lead-triage: I can't find that lead/);
    const badKind = await cli(["outcome", checkId, "maybe"], undefined, env);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('not "maybe"');
  });
});

describe("lead-triage outcomes import", () => {
  it("imports a Salesforce export with statuses and reasons, and a re-import adds nothing", async () => {
    const env = keptEnv();
    const first = await cli(
      ["outcomes", "import", "test/fixtures/salesforce-leads.csv", "--json"],
      undefined,
      env,
    );
    expect(first.stderr).toBe("");
    // A status it cannot read imports the lead without an outcome, and says so.
    expect(first.code).toBe(3);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({
      imported: 7,
      open: 1,
      unread: 1,
      newChecks: 7,
      skipped: 0,
      byOutcome: { won: 1, disqualified: 2, lost: 2 },
      byReason: { chose_competitor: 1, price: 1, student_academic: 1 },
      statuses: {
        "Closed - Converted": { became: "won", rows: 1 },
        "Closed - Not Converted": { became: "disqualified", rows: 1 },
        "Mystery Status": { became: "unknown", rows: 1 },
      },
    });
    const again = await cli(
      ["outcomes", "import", "test/fixtures/salesforce-leads.csv", "--json"],
      undefined,
      env,
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 7, newChecks: 0 });
    const listed = JSON.parse((await cli(["outcomes", "list", "--json"], undefined, env)).stdout).outcomes;
    expect(listed).toHaveLength(5);
    expect(listed.map((o: { reportedAt: string }) => o.reportedAt.slice(0, 10)).sort()).toEqual([
      "2026-03-02",
      "2026-03-05",
      "2026-04-01",
      "2026-04-11",
      "2026-05-03",
    ]);

    // The team says what its own status means: the outcome is added, nothing twice.
    const dir = tmp();
    writeFileSync(join(dir, "statuses.yml"), '"mystery status": lost\n"Working - Contacted": skip\n');
    const mapped = await cli(
      ["outcomes", "import", "test/fixtures/salesforce-leads.csv", "--status-map", join(dir, "statuses.yml")],
      undefined,
      env,
    );
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain('"Mystery Status" → lost (1 row)');
    expect(mapped.stdout).toContain('"Closed - Not Converted" → disqualified (1 row)');
    expect(mapped.stdout).toMatch(/, 0 new/);
    const withMapped = JSON.parse(
      (await cli(["outcomes", "list", "--json"], undefined, env)).stdout,
    ).outcomes;
    expect(withMapped).toHaveLength(6);

    writeFileSync(join(dir, "bad.yml"), '"Parked": maybe\n');
    const bad = await cli(
      ["outcomes", "import", "test/fixtures/salesforce-leads.csv", "--status-map", join(dir, "bad.yml")],
      undefined,
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '"Parked": each status maps to one of won, lost, disqualified, no_show, open, skip',
    );
  });

  it("reads HubSpot's column names and refuses a file without a status column", async () => {
    const env = keptEnv();
    const r = await cli(["outcomes", "import", "test/fixtures/hubspot-deals.csv"], undefined, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 3 lead\(s\) \(1 disqualified, 1 won, 1 lost\), 3 new/);
    expect(r.stdout).toContain("no budget 1");
    const dir = tmp();
    writeFileSync(join(dir, "nostatus.csv"), "Email,Company\na@b.com,B\n");
    const refused = await cli(["outcomes", "import", join(dir, "nostatus.csv")], undefined, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("no status column");
  });
});

describe("lead-triage reasons", () => {
  it("adds and renames reasons that imports and outcomes then use, and refuses a duplicate", async () => {
    const env = keptEnv();
    const added = await cli(
      ["reasons", "add", "Needs", "on-premise", "--words", "on-prem, self hosted"],
      undefined,
      env,
    );
    expect(added).toMatchObject({ code: 0, stdout: "added needs_on_premise (Needs on-premise)\n" });
    const again = await cli(["reasons", "add", "needs ON-PREMISE"], undefined, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already a reason called “Needs on-premise”");
    const renamed = await cli(["reasons", "rename", "No budget", "Budget", "frozen"], undefined, env);
    expect(renamed.stdout).toBe("renamed no_budget: No budget → Budget frozen\n");
    const listed = JSON.parse((await cli(["reasons", "--json"], undefined, env)).stdout).reasons;
    expect(listed.at(-2)).toMatchObject({ id: "needs_on_premise", label: "Needs on-premise", changed: true });
    expect(listed[0]).toMatchObject({ id: "no_budget", label: "Budget frozen", changed: true });

    const dir = tmp();
    writeFileSync(
      join(dir, "deals.csv"),
      "Email,Company,Job Title,Lead Status,Loss Reason\n" +
        "a@acme.com,Acme,CTO,Closed Lost,they need it self hosted\n" +
        "b@globex.com,Globex,VP Sales,Closed Lost,no budget this year\n",
    );
    const imported = await cli(["outcomes", "import", join(dir, "deals.csv")], undefined, env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("reasons: ");
    expect(imported.stdout).toContain("needs on-premise 1");
    expect(imported.stdout).toContain("budget frozen 1");
  });
});

describe("lead-triage refine", () => {
  // Eleven CLI runs, each starting the embedded database through tsx.
  it("suggests a rule for a trait whose leads keep being lost, with the evidence, from an imported history; the loop runs from the command line", {
    timeout: 180_000,
  }, async () => {
    const env = keptEnv();
    const none = await cli(["refine"], undefined, env);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("No suggestions: 0 outcome(s) on record");
    const rows = ["Id,Title,Company,Industry,Employees,Status,Loss Reason"];
    const industries = ["Software", "Retail", "Logistics", "Finance"];
    for (let i = 0; i < 80; i++) {
      const won = i % 2 === 0;
      rows.push(
        `R${i},Head of Operations,Firm ${i},${industries[i % 4]},${120 + i},${won ? "Closed Won" : "Closed Lost"},${won ? "" : "bad timing"}`,
      );
    }
    for (let i = 0; i < 20; i++) {
      rows.push(
        `E${i},Program Coordinator,School ${i},Education,${300 + i},Closed Lost,academic — no budget for software`,
      );
    }
    const dir = tmp();
    writeFileSync(join(dir, "history.csv"), `${rows.join("\n")}\n`);
    const imported = await cli(["outcomes", "import", join(dir, "history.csv"), "--json"], undefined, env);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 100 });
    const refined = await cli(["refine", "--json"], undefined, env);
    expect(refined.code).toBe(0);
    const { suggestions, basis } = JSON.parse(refined.stdout);
    expect(basis).toMatchObject({ outcomes: 100, ruleSetVersion: 1, minSupport: 8 });
    const education = suggestions.find(
      (s: { kind: string; when?: { field: string; value: string } }) =>
        s.kind === "add_rule" && s.when?.field === "industry" && s.when.value === "education",
    );
    expect(education).toMatchObject({
      persona: "student-academic",
      when: { field: "industry", op: "eq", value: "education" },
      evidence: { support: 20, bad: 20, reasons: [{ reason: "student_academic", count: 20 }] },
    });
    expect(education.weight).toBeGreaterThan(0);
    expect(education.summary).toContain(
      "20 of 20 leads where industry is education were lost or disqualified",
    );
    expect(education.id).toMatch(/^[0-9a-f-]{36}$/);

    // The rest of the loop, from the command line: list, dismiss one with a reason, approve another.
    const listed = await cli(["suggestions", "list"], undefined, env);
    expect(listed.stdout).toMatch(
      new RegExp(`\n${education.id.slice(0, 8)}  .*20 of 20 leads where industry is education`),
    );
    const other = suggestions.find((s: { id: string }) => s.id !== education.id);
    expect(other).toBeDefined();
    const dismissed = await cli(
      ["suggestions", "dismiss", other.id.slice(0, 8), "--reason", "we sell to these on purpose"],
      undefined,
      env,
    );
    expect(dismissed.stdout).toMatch(/^dismissed: .* It won't be suggested again/);
    const approved = await cli(
      ["suggestions", "approve", education.id.slice(0, 8), "--author", "dana"],
      undefined,
      env,
    );
    expect(approved.stdout).toMatch(/^published v2: .*20 of 20 leads where industry is education/);
    const history = JSON.parse((await cli(["rules", "history", "--json"], undefined, env)).stdout);
    expect(history.versions[0]).toMatchObject({
      version: 2,
      author: "dana",
      provenance: "suggested from 20 outcomes",
    });
    const twice = await cli(["suggestions", "approve", education.id], undefined, env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("That suggestion was already approved");
    expect((await cli(["suggestions", "approve", "zzz"], undefined, env)).code).toBe(2);
    // Refined again, neither the approved nor the dismissed one comes back.
    const again = JSON.parse((await cli(["refine", "--json"], undefined, env)).stdout);
    expect(again.suggestions.map((s: { key?: string; id: string }) => s.id)).not.toContain(other.id);
    expect(again.basis.ruleSetVersion).toBe(2);

    const strict = await cli(["refine", "--min-support", "30"], undefined, env);
    expect(strict.stdout).toContain("No suggestions");
    expect((await cli(["refine", "--min-support", "x"], undefined, env)).code).toBe(2);
  });
});

describe("lead-triage rules history|export|publish|diff|restore", () => {
  // Eight CLI runs, each starting the embedded database through tsx: about 40 s on an idle 2-core machine,
  // over 60 s when the machine is busy.
  it("exports the rules, publishes an edit as a new version with its diff, and restores an old one", {
    timeout: 150_000,
  }, async () => {
    const env = { DATA_DIR: join(tmp(), "data"), USER: "dana" };
    const file = join(tmp(), "rules.yml");
    expect((await cli(["rules", "export", "--out", file], undefined, env)).code).toBe(0);
    const exported = readFileSync(file, "utf8");
    expect(exported).toContain("id: micro-team");
    writeFileSync(file, exported.replace(/(id: micro-team[\s\S]*?weight: )40/, "$170"));
    const published = await cli(["rules", "publish", file, "--note", "tiny teams cost us"], undefined, env);
    expect(published.code).toBe(0);
    expect(published.stdout).toBe(
      "~ rule too-small/micro-team: weight 40 → weight 70\n" +
        "backtest: No checks with a known outcome in the last 90 days to replay.\npublished v2\n",
    );
    const again = await cli(["rules", "publish", file], undefined, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("nothing to publish");
    expect((await cli(["rules", "diff", "1", "2"], undefined, env)).stdout).toBe(
      "~ rule too-small/micro-team: weight 40 → weight 70\n",
    );
    const restored = await cli(["rules", "restore", "v1"], undefined, env);
    expect(restored.stdout).toContain("restored v1 as v3");
    const history = JSON.parse((await cli(["rules", "history", "--json"], undefined, env)).stdout).versions;
    expect(
      history.map((v: { version: number; active: boolean; note: string; author: string | null }) => [
        v.version,
        v.active,
        v.note,
        v.author,
      ]),
    ).toEqual([
      [3, true, "restored from v1", "dana"],
      [2, false, "tiny teams cost us", "dana"],
      [1, false, "adopted on first use", null],
    ]);
    const missing = await cli(["rules", "export", "--version", "9"], undefined, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no rule set v9");
  });
});
