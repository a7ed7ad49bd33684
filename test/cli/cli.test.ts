import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXIT_USAGE } from "../../src/cli/errors.js";
import { forgetCommand } from "../../src/cli/forgetCommands.js";
import { LOCK_FILE, lockDataDir } from "../../src/store/dataDirLock.js";

const run = promisify(execFile);
/** The CLI as users run it, built from these sources by the suites' global set-up. */
const CLI = ["dist/cli.js"];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI. Checks are not kept unless `env.DATA_DIR`/`env.DATABASE_URL` say where (the storage tests
 * cover keeping them); the embedded database takes seconds to start. */
async function cli(args: string[], input?: string, env?: Record<string, string>): Promise<Result> {
  const noSave = args[0] === "check" && env === undefined ? ["--no-save"] : [];
  const child = run(process.execPath, [...CLI, ...args, ...noSave], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "lead-triage-cli-"));

describe("lead-triage check", () => {
  it("prints a readable verdict with reasons that quote the lead", async () => {
    const r = await cli([
      "check",
      "Jane, student at MIT, thesis project, jane@gmail.com, wants a free version",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^REJECT {2}risk \d+\/100/);
    expect(r.stdout).toContain('The contact is a student ("student")');
    expect(r.stdout).toContain('"thesis"');
    expect(r.stdout).toContain("Facts found:");
  });

  it("prints the machine form with --json", async () => {
    const r = await cli([
      "check",
      "--json",
      "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com, Chicago",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      decision: "pass",
      risk: 0,
      matches: [],
      facts: {
        emailDomain: "northwind.com",
        domainKind: "corporate",
        seniority: "vp",
        employees: { min: 400, max: 400 },
        country: "US",
      },
    });
    expect(json.missing).toContain("budget");
    expect(json.fits[0]).toMatchObject({ persona: "revenue-leader", rule: "senior-buyer" });
  });

  it("counts a red flag read in a mail's body about someone else at half weight, and says so", async () => {
    const mail = [
      "Hi Tom,",
      "",
      "My contact says Pedro is a student at Lisbon University.",
      "",
      "Best,",
      "Ana Ruiz",
      "Northgate Foods",
      "+1 415 555 0100",
    ].join("\n");
    const json = JSON.parse((await cli(["check", "--json", mail])).stdout);
    expect(json.matches[0]).toMatchObject({ rule: "student-title", weight: 60, secondHand: { counted: 30 } });
    expect(json.secondHand).toEqual(expect.arrayContaining(["title", "seniority"]));
    expect(json.risk).toBeLessThan(60);
    const text = (await cli(["check", mail])).stdout;
    expect(text).toContain("+60, counted +30: from the mail's body, may be about someone else");
    expect(text).toMatch(/Seniority\s+student \(from the mail's body, may be about someone else\)/);
  });

  it("reads standard input with '-' and when piped", async () => {
    const text = "From: Bob <bob@mailinator.com>\nSubject: hi\n\nneed the cheapest plan";
    for (const args of [
      ["check", "-", "--json"],
      ["check", "--json"],
    ]) {
      const r = await cli(args, text);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.decision).toBe("reject");
      expect(json.matches[0]).toMatchObject({ rule: "disposable-email", exclude: true });
      expect(json.matches[0].evidence[0].text).toBe("mailinator.com");
    }
  });

  it("refuses empty input with a clear message and no stack trace", async () => {
    for (const r of [await cli(["check", "   "]), await cli(["check", "-"], "\n\n")]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Nothing to triage");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("reports a missing rule file", async () => {
    const r = await cli(["check", "--rules", "/nope/rules.yml", "hello"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/nope/rules.yml");
    expect(r.stderr).toContain("file not found");
  });

  it("uses another rule file with --rules", async () => {
    const dir = tmp();
    const rules = join(dir, "rules.json");
    writeFileSync(
      rules,
      JSON.stringify({
        version: 3,
        personas: [
          {
            id: "agencies",
            name: "Agencies",
            kind: "anti",
            rules: [
              {
                id: "agency",
                when: { field: "industry", op: "eq", value: "agency" },
                exclude: true,
                reason: "We do not sell to agencies ({evidence})",
              },
            ],
          },
        ],
      }),
    );
    const r = await cli(["check", "--json", "--rules", rules, "Creative Director at Pixel Perfect Agency"]);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ decision: "reject", ruleSetVersion: 3 });
    expect(json.matches[0].reason).toBe('We do not sell to agencies ("Agency")');
  });
});

describe("lead-triage check --file", () => {
  it("triages a CRM export, appends verdict columns and skips a malformed row", async () => {
    const dir = tmp();
    const input = join(dir, "leads.csv");
    const out = join(dir, "triaged.csv");
    writeFileSync(
      input,
      [
        "First Name,Last Name,Job Title,Company Name,# Employees,Email,Lead Source,Annual Revenue",
        "Priya,Raman,VP of Sales,Northwind,400,priya@northwind.com,Webinar,$40M",
        'Jane,Doe,"Student, MBA",MIT,,jane@gmail.com,Website,',
        "broken,row,with,too,many,columns,here,a,b,c,d",
        "Tom,Becker,Procurement Specialist,Globex,25000,tom@globex.com,Trade show,$9B",
      ].join("\n"),
    );
    const r = await cli(["check", "--file", input, "--out", out]);
    // Finished, but a row was skipped: the exit code says so.
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/skipped row at line 4: 11 values where the header has 8/);
    expect(r.stderr).toMatch(/triaged 3 lead\(s\)/);
    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining(["Job Title", "triage_decision", "triage_risk", "triage_red_flags"]),
    );
    // Jane: student (60) + personal email (15) = 66, under the reject threshold of 70.
    expect(rows.map((row) => row.triage_decision)).toEqual(["pass", "review", "review"]);
    expect(rows[1]?.triage_red_flags).toContain("student");
    expect(rows[2]?.triage_red_flags).toContain("25000");
  });

  it("writes to standard output without --out", async () => {
    const dir = tmp();
    const input = join(dir, "leads.csv");
    writeFileSync(input, "Email,Company\nbob@mailinator.com,\n");
    const r = await cli(["check", "--file", input]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "Email,Company,triage_decision,triage_risk,triage_red_flags,triage_ask_for,triage_history",
    );
    expect(r.stdout).toContain("reject,100");
  });

  it("reports a missing CSV file", async () => {
    const r = await cli(["check", "--file", "/nope/leads.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/nope/leads.csv: file not found");
  });
});

describe("keeping checks", () => {
  it("keeps each check in the embedded database and counts them after a restart", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    expect((await cli(["check", "intern looking for the cheapest plan"], undefined, env)).code).toBe(0);
    expect(
      (await cli(["check", "--json", "Priya Raman, VP of Sales at Northwind, 400 employees"], undefined, env))
        .code,
    ).toBe(0);
    const r = await cli(["stats", "--json"], undefined, env);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.total).toBe(2);
    expect(stats.byDecision).toEqual({ review: 1, pass: 1 });
    const text = await cli(["stats"], undefined, env);
    expect(text.stdout).toContain("Checks in the last 30 day(s): 2");
  }, 90_000);

  it("refuses a second process on the same embedded database, naming the holder", async () => {
    const dataDir = join(tmp(), "data");
    const unlock = lockDataDir(dataDir, "lead-triage app (test)");
    try {
      const r = await cli(["stats"], undefined, { DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`in use by process ${process.pid} (lead-triage app (test)`);
      expect(r.stderr).toContain("DATABASE_URL");
    } finally {
      unlock();
    }
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dataDir = join(tmp(), "data");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, command: "crashed", startedAt: "2026-01-01T00:00:00Z" }),
    );
    const r = await cli(["stats", "--json"], undefined, { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(0);
  }, 60_000);

  it("says when the data directory cannot be used", async () => {
    const file = join(tmp(), "a-file");
    writeFileSync(file, "");
    const r = await cli(["stats"], undefined, { DATA_DIR: join(file, "data") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /DATA_DIR .* cannot be created \(ENOTDIR\); point DATA_DIR at a writable directory/,
    );
  });

  it("says which variable is wrong when DATABASE_URL is malformed or unreachable", async () => {
    const bad = await cli(["stats"], undefined, { DATABASE_URL: "mysql://nope" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const down = await cli(["stats"], undefined, { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      "cannot connect to the database at 127.0.0.1:1/none (DATABASE_URL): connection refused",
    );
  });
});

describe("lead-triage rules validate", () => {
  it("accepts the default pack", async () => {
    const r = await cli(["rules", "validate", "personas/default.yml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — \d+ personas, \d+ rules/);
  });

  it("exits non-zero naming what is wrong", async () => {
    const dir = tmp();
    const file = join(dir, "bad.yml");
    writeFileSync(
      file,
      "personas:\n  - id: x\n    name: X\n    kind: anti\n    rules:\n      - id: r\n        when: { field: employees, op: gt, value: ten }\n        weight: 5\n        reason: r\n",
    );
    const r = await cli(["rules", "validate", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: invalid rule set`);
    expect(r.stderr).toContain('persona "x" › rule "r" › when.value');
  });
});

describe("outcomes from the command line", () => {
  it("records an outcome for a kept check and lists it", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
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
    const env = { DATA_DIR: join(tmp(), "data") };
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
    const env = { DATA_DIR: join(tmp(), "data") };
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
    const env = { DATA_DIR: join(tmp(), "data") };
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
    const env = { DATA_DIR: join(tmp(), "data") };
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

describe("lead-triage check with an LLM configured", () => {
  it("prints the summary after the verdict (or says it is unavailable), and --no-summary or no configuration sends nothing", async () => {
    const { FakeOpenAI } = await import("../support/fakeOpenAI.js");
    const openai = new FakeOpenAI();
    await openai.start();
    try {
      const env = { OPENAI_BASE_URL: openai.url, LLM_TIMEOUT_MS: "3000" };
      const lead = "Jane Doe, student at MIT, jane@gmail.com, wants a free version for her thesis";
      const r = await cli(["check", lead, "--no-save"], undefined, env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Summary: ${openai.defaultSummary}`);
      expect(openai.requests).toHaveLength(1);
      expect(openai.requests[0]?.raw).not.toContain("jane@gmail.com");
      expect(openai.requests[0]?.raw).not.toContain("Jane");
      openai.next({ kind: "status", status: 503 });
      const failed = await cli(["check", `${lead}, urgently`, "--no-save", "--json"], undefined, env);
      expect(JSON.parse(failed.stdout)).toMatchObject({ decision: "reject", summary: null });
      const off = await cli(["check", lead, "--no-save", "--no-summary"], undefined, env);
      expect(off.stdout).not.toContain("Summary");
      const unconfigured = await cli(["check", lead, "--no-save"]);
      expect(unconfigured.stdout).not.toContain("Summary");
      expect(openai.requests).toHaveLength(2);
    } finally {
      await openai.stop();
    }
  });

  it("reads facts the parser missed into the verdict, and maps CRM reasons the synonyms cannot read", async () => {
    const { FakeOpenAI } = await import("../support/fakeOpenAI.js");
    const openai = new FakeOpenAI();
    await openai.start();
    try {
      const env = { OPENAI_BASE_URL: openai.url, LLM_TIMEOUT_MS: "3000", DATA_DIR: join(tmp(), "data") };
      openai.next({
        kind: "summary",
        summary: "IT lead in a local government parks department asking for a quote.",
        facts: { industry: { value: "government", quote: "county council" } },
      });
      const lead =
        "Sam here. I look after IT for the county council's parks department and want a quote for 20 seats.";
      const checked = await cli(["check", lead], undefined, env);
      expect(checked.code).toBe(0);
      expect(checked.stdout).toContain('government (AI-read from "county council")');
      expect(checked.stdout).toContain("Public-sector organisation");

      const dir = tmp();
      writeFileSync(
        join(dir, "crm.csv"),
        [
          "Record ID,Job Title,Company Name,Lead Status,Closed Lost Reason",
          "1,Founder,Tiny Studio,Closed Lost,stayed with the vendor they have had for a decade",
          "2,Head of IT,Big Bank,Closed Lost,our contact moved on and nobody replied",
          "3,Founder,Small Shop,Closed Lost,no budget",
        ].join("\n"),
      );
      openai.next({
        kind: "answer",
        value: {
          mappings: [
            { i: 0, reason: "chose_competitor" },
            { i: 1, reason: "made_up_reason" },
          ],
        },
      });
      const before = openai.requests.length;
      const imported = await cli(["outcomes", "import", join(dir, "crm.csv"), "--json"], undefined, env);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        imported: 3,
        reasonsByModel: 1,
        byReason: { chose_competitor: 1, no_budget: 1, none: 1 },
      });
      // One call for both unread texts; "no budget" was read by the synonyms and never sent.
      const mapping = openai.requests.slice(before).filter((r) => r.raw.includes("reason_mapping"));
      expect(mapping).toHaveLength(1);
      expect(mapping[0]?.raw).not.toContain("no budget");
    } finally {
      await openai.stop();
    }
  });
});

describe("lead-triage tokens rotate-key", () => {
  it("asks for the keys it needs, and re-seals with the current key", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    const missing = await cli(["tokens", "rotate-key"], undefined, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("set TOKEN_ENCRYPTION_KEY to the new key");
    const key = randomBytes(32).toString("base64");
    const done = await cli(["tokens", "rotate-key"], undefined, { ...env, TOKEN_ENCRYPTION_KEY: key });
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^re-sealed 0 installation\(s\) with key [0-9a-f]{8}\n$/);
  });
});

describe("lead-triage forget", () => {
  it("forgets a person, says what went, is idempotent, and forgets a whole workspace", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    const lead = "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com";
    expect((await cli(["check", lead], undefined, env)).code).toBe(0);
    // The team's memory: a colleague at the same company is shown what was known before.
    const colleague = await cli(["check", "Sam Lee, CFO at Northwind, sam@northwind.com"], undefined, env);
    expect(colleague.stdout).toMatch(
      /\nBefore this check:\n {2}Northwind: checked 1x since \d+ \w+, last today \(\w+\)\n$/,
    );
    const done = await cli(["forget", "--email", "Priya@Northwind.com"], undefined, env);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      /^Forgot priya@northwind\.com in any workspace: 1 lead no longer name it \(removed 1 lead text/,
    );
    const again = await cli(["forget", "--email", "priya@northwind.com", "--json"], undefined, env);
    expect(JSON.parse(again.stdout)).toEqual({
      email: "priya@northwind.com",
      workspace: null,
      checks: 0,
      texts: 0,
      summaries: 0,
      outcomeNotes: 0,
    });
    const all = await cli(["forget", "--workspace", "T0CLI", "--all"], undefined, env);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Forgot workspace T0CLI: 0 check\(s\)/);
  });

  it.each([
    [{}, "give --email <address> or --domain <domain>"],
    [{ email: "northwind.com" }, "--email needs an email address"],
    [{ domain: "priya" }, "neither an email address nor a domain"],
    [{ all: true }, "--all needs --workspace"],
    [{ email: "a@northwind.com", domain: "northwind.com" }, "give --email <address> or --domain <domain>"],
  ])("refuses %j before opening anything, saying what it takes", async (options, message) => {
    await expect(forgetCommand(options)).rejects.toThrow(
      expect.objectContaining({ exitCode: EXIT_USAGE, message: expect.stringContaining(message) }),
    );
  });
});

describe("lead memory in lead-triage check", () => {
  it("after a CRM history import, a new lead from a company that was won is shown as an existing customer", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    expect(
      (await cli(["outcomes", "import", "test/fixtures/salesforce-leads.csv"], undefined, env)).code,
    ).not.toBe(1);
    const sam = await cli(
      ["check", "--json", "Sam Lee, CFO at Northwind, sam@northwind.com"],
      undefined,
      env,
    );
    const history = JSON.parse(sam.stdout).history;
    expect(history.company).toMatchObject({
      label: "Northwind",
      count: 1,
      customer: true,
      outcome: { kind: "won" },
    });
    expect(history.person).toBeUndefined();
  });

  it("a company lost for lack of budget three weeks ago: the history and the review rule, as text and JSON", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    const dir = tmp();
    const threeWeeksAgo = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      join(dir, "deals.csv"),
      `Record ID,First Name,Job Title,Company Name,Email,Number of Employees,Lead Status,Closed Lost Reason,Create Date\n` +
        `201,Ines,Head of Sales,Fjordline Freight,ines@fjordline-freight.no,300,Closed Lost,no budget,${threeWeeksAgo}\n`,
    );
    expect((await cli(["outcomes", "import", join(dir, "deals.csv")], undefined, env)).code).toBe(0);
    const lead =
      "Lars Berg, VP Sales at Fjordline Freight (300 employees), lars@fjordline-freight.no, Norway";
    const text = await cli(["check", lead], undefined, env);
    expect(text.stdout).toMatch(/^REVIEW/m);
    expect(text.stdout).toContain('Lost for lack of budget within 90 days ("lost 2');
    expect(text.stdout).toMatch(
      /\nBefore this check:\n {2}Fjordline Freight: checked 1x since \d+ \w+; lost \d+ \w+ \(no budget\)\n/,
    );
    const json = JSON.parse((await cli(["check", "--json", lead], undefined, env)).stdout);
    expect(json.decision).toBe("review");
    expect(json.matches.map((m: { rule: string }) => m.rule)).toContain("lost-no-budget-recently");
  });

  it("check --file: each row's history in triage_history, judged with it, and the same person twice in one file", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    const dir = tmp();
    const threeWeeksAgo = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      join(dir, "deals.csv"),
      "Record ID,First Name,Job Title,Company Name,Email,Number of Employees,Lead Status,Closed Lost Reason,Create Date\n" +
        `301,Ines,Head of Sales,Fjordline Freight,ines@fjordline-freight.no,300,Closed Lost,no budget,${threeWeeksAgo}\n`,
    );
    expect((await cli(["outcomes", "import", join(dir, "deals.csv")], undefined, env)).code).toBe(0);
    writeFileSync(
      join(dir, "leads.csv"),
      "Name,Title,Company,Email,Employees,Country\n" +
        "Lars Berg,VP Sales,Fjordline Freight,lars@fjordline-freight.no,300,Norway\n" +
        "Ada Quist,VP Sales,Brightwave Analytics,ada@brightwave-analytics.io,300,Norway\n" +
        "Lars Berg,VP of Sales,Fjordline Freight,Lars@Fjordline-Freight.no,300,Norway\n",
    );
    const out = join(dir, "triaged.csv");
    const r = await cli(["check", "--file", join(dir, "leads.csv"), "--out", out], undefined, env);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.triage_decision)).toEqual(["review", "pass", "review"]);
    expect(rows[0]?.triage_red_flags).toContain("Lost for lack of budget within 90 days");
    expect(rows[0]?.triage_history).toMatch(
      /^Fjordline Freight: checked 1x since \d+ \w+; lost \d+ \w+ \(no budget\)$/,
    );
    expect(rows[1]?.triage_history).toBe("");
    expect(rows[2]?.triage_history).toMatch(
      /^Same person as line 2: this is a repeat \| Fjordline Freight: checked 1x/,
    );
    // Without saving there is no memory to read: the column is there, empty.
    const unsaved = await cli(["check", "--no-save", "--file", join(dir, "leads.csv")], undefined, env);
    expect(unsaved.stdout.split("\n")[1]).toMatch(/,$/);
  });
});

describe("one verdict whether it is kept or not", () => {
  it("check --no-save decides with the published rules in force, as check does (and --rules still overrides)", async () => {
    const env = { DATA_DIR: join(tmp(), "data") };
    const dir = tmp();
    const file = join(dir, "rules.yml");
    writeFileSync(
      file,
      [
        "personas:",
        "  - id: fruit-sellers",
        "    name: Fruit sellers",
        "    kind: anti",
        "    rules:",
        "      - id: pineapples",
        "        when:",
        "          field: text",
        "          op: contains_any",
        "          value:",
        "            - pineapple",
        "        exclude: true",
        "        reason: Sells fruit ({evidence})",
        "",
      ].join("\n"),
    );
    const lead =
      "Jo Park, CTO at Acme Analytics (120 employees), jo@acme-analytics.io, Canada. We import pineapple data.";
    const before = JSON.parse((await cli(["check", "--no-save", "--json", lead], undefined, env)).stdout);
    expect(before).toMatchObject({ decision: "pass", ruleSetVersion: 1 });
    expect((await cli(["rules", "publish", file], undefined, env)).stdout).toContain("published v2");

    const kept = JSON.parse((await cli(["check", "--json", lead], undefined, env)).stdout);
    const unsaved = JSON.parse((await cli(["check", "--no-save", "--json", lead], undefined, env)).stdout);
    expect(kept).toMatchObject({ decision: "reject", ruleSetVersion: 2 });
    expect(unsaved).toMatchObject({ decision: "reject", ruleSetVersion: 2 });
    const csv = join(dir, "leads.csv");
    writeFileSync(csv, `Notes\n"${lead}"\n`);
    expect((await cli(["check", "--no-save", "--file", csv], undefined, env)).stdout).toContain("reject,100");
    // Without the file beside the database, it is read from the database itself.
    rmSync(join(env.DATA_DIR, "rules-in-force.json"));
    expect(
      JSON.parse((await cli(["check", "--no-save", "--json", lead], undefined, env)).stdout),
    ).toMatchObject({
      decision: "reject",
      ruleSetVersion: 2,
    });
    expect(
      JSON.parse(
        (await cli(["check", "--no-save", "--json", "--rules", "personas/default.yml", lead], undefined, env))
          .stdout,
      ),
    ).toMatchObject({ decision: "pass", ruleSetVersion: 1 });
  });
});
