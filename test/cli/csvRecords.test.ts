import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecord, RECORD_OPTIONS } from "../../src/cli/csvRecords.js";

/** What csv-parse alone makes of one record (the reading the fast path must agree with). */
function csvParse(text: string): string[] | "error" {
  try {
    const rows = parse(text, RECORD_OPTIONS) as string[][];
    return rows.length === 1 ? (rows[0] as string[]) : "error";
  } catch {
    return "error";
  }
}

const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "é", "1") });

describe("reading one CSV record", () => {
  it("gives back the fields a CSV writer wrote, quotes, commas and line breaks included", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (fields) => {
        const line = stringify([fields], { record_delimiter: "\n" }).replace(/\n$/, "");
        fc.pre(line.trim() !== ""); // blank lines are skipped before a record is read
        expect(parseRecord(line)).toEqual(csvParse(line) === "error" ? expect.any(String) : csvParse(line));
        if (fields.some((f) => f.length > 0)) expect(parseRecord(line)).toEqual(fields);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with csv-parse on any text, well-formed or not", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ",", '"', " ", "x") }), (text) => {
        fc.pre(text.trim() !== "");
        const ours = parseRecord(text);
        const theirs = csvParse(text);
        if (theirs === "error") expect(typeof ours).toBe("string");
        else expect(ours).toEqual(theirs);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("cells a spreadsheet would run", async () => {
  const { spreadsheetSafe } = await import("../../src/cli/csv.js");
  it.each([
    ["=1+1", "'=1+1"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rReturn", "'\rReturn"],
    ["Acme = good", "Acme = good"],
    ["", ""],
  ])("%j is written as %j", (cell, written) => {
    expect(spreadsheetSafe(cell)).toBe(written);
  });
});
