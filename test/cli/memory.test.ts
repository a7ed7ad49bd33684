import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXIT_USAGE } from "../../src/cli/errors.js";
import { forgetCommand } from "../../src/cli/forgetCommands.js";
import { cli, keptEnv, tmp } from "../support/cli.js";

/** The CLI with an LLM, key rotation, forgetting, lead memory, and one verdict whether kept or not. */
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

      // `outcome` reads a rep's words as a thread reply does: the model maps a reason the synonyms cannot read.
      const kept = await cli(
        ["check", "--json", "--no-summary", "Founder at Small Shop, wants a quote"],
        undefined,
        env,
      );
      const { checkId } = JSON.parse(kept.stdout) as { checkId: string };
      openai.next({ kind: "answer", value: { mappings: [{ i: 0, reason: "chose_competitor" }] } });
      const reported = await cli(
        ["outcome", checkId, "lost", "they renewed with the tool they already pay for"],
        undefined,
        env,
      );
      expect(reported.code).toBe(0);
      expect(reported.stdout).toMatch(/^recorded lost \(.+, read by AI from your words\) for check /);
      const listed = await cli(["outcomes", "list", "--json"], undefined, env);
      expect(JSON.parse(listed.stdout).outcomes[0]).toMatchObject({
        checkId,
        kind: "lost",
        reason: "chose_competitor",
      });
      // Words the synonyms read never go to the model.
      const sent = openai.requests.length;
      await cli(["outcome", checkId, "lost", "no budget"], undefined, env);
      expect(openai.requests.length).toBe(sent);
    } finally {
      await openai.stop();
    }
  });
});

describe("lead-triage tokens rotate-key", () => {
  it("asks for the keys it needs, and re-seals with the current key", async () => {
    const env = keptEnv();
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
    const env = keptEnv();
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
    const env = keptEnv();
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
    const env = keptEnv();
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
    const env = keptEnv();
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
    const env = keptEnv();
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
