import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { LOCK_FILE, lockDataDir } from "../../src/store/dataDirLock.js";
import { cli, keptEnv, tmp } from "../support/cli.js";

/** lead-triage check, files, keeping checks and rule files, from the command line as users run it. */
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
    const env = keptEnv();
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
