import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LEAD_CHARS, parseLead } from "../../src/domain/lead/parse.js";
import { redactContacts, redactLead } from "../../src/domain/privacy/redact.js";

/** Every lead, however crafted, parses in this budget: patterns are linear by construction, so a long run of
 * one character costs one pass (a lead of 20,000 spaces once took 9 s and froze every ack). */
const BUDGET_MS = 50;

/** Pieces a crafted lead is built from: each character class the patterns read, and the words that start
 * one of their alternatives (titles, connectors, counts, amounts, suffixes, headers, links, greetings). */
const PIECES = [
  " ",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "1",
  "00",
  "a",
  "A",
  "ü",
  "😀",
  ".",
  ",",
  "-",
  "—",
  "@",
  ">",
  ":",
  "+",
  "(",
  ")",
  "'",
  '"',
  "_",
  "/",
  "*",
  "&",
  "|",
  "$",
  "€",
  "%",
  "#",
  "Ab",
  "VP",
  "CEO ",
  "Head of ",
  "Director",
  " at ",
  "bei ",
  "of",
  "Sales",
  "student",
  "employees",
  "Mitarbeiter",
  "people",
  "million",
  "k",
  "Inc",
  "Ltd.",
  "GmbH",
  "S.A.",
  "www.",
  "http://",
  ".com",
  "+1 ",
  "Title: ",
  "From: ",
  "-- Forwarded message",
  "> ",
  "--",
  "Dear ",
  "Hi ",
  "Best,",
  "1,000",
  "1.5",
  "budget",
  "per month",
  "team of ",
  "over ",
  "Mr ",
  "de ",
  "&amp;",
];

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The fastest of three parses: a crafted lead is slow on every run, a busy machine only on some. */
function fastestMs(work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    work();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const crafted = fc
  .tuple(
    fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("", "Priya Raman, VP of Sales at Northwind\n", "CEO at Acme "),
    fc.constantFrom("", "a", " priya@northwind.com", "!"),
  )
  .map(
    ([unit, before, after]) =>
      before + repeatTo(unit.join(""), MAX_LEAD_CHARS - before.length - after.length) + after,
  );

describe("crafted leads cost what ordinary ones do", () => {
  parseLead("warm up the dictionaries: Priya Raman, VP of Sales at Northwind (400 employees)");

  it.each([
    ["a line and 19,998 spaces and one letter", `x\n${repeatTo(" ", 19_997)}a`],
    ["20,000 digits", repeatTo("1", 20_000)],
    ["20,000 no-break spaces", repeatTo("\u00a0", 20_000)],
    ["20,000 dashes after a line", `x\n${repeatTo("-", 19_998)}`],
    ["digits and dots", repeatTo("1.", 20_000)],
    ["capitals and dots", repeatTo("A.", 20_000)],
    ["an address without an at", repeatTo("a.", 20_000)],
    ["10,000 lines of a space", repeatTo(" \n", 20_000)],
    // Found by the fuzz test: 2,500 runs that start like international numbers, each once given to libphonenumber.
    ["2,500 runs of '+1 1,000'", repeatTo("+1 1,000", 20_000)],
    ["2,000 international numbers", repeatTo("+1 555 0100 ", 20_000)],
    // Reply headers that never close ("On … wrote:"), one a line, and one long line of them.
    [
      "lines that open a reply header and never close it",
      repeatTo("On Tue, Dec 1 at 10:12 Tom <t@x.io>\n", 20_000),
    ],
    ["a line of 'schrieb' without the date", repeatTo("Tom schrieb ", 20_000)],
  ])("%s parses in under 50 ms", (_name, text) => {
    expect(fastestMs(() => parseLead(text))).toBeLessThan(BUDGET_MS);
  });

  it("any lead of runs of the parser's character classes and keywords parses in under 50 ms", () => {
    fc.assert(
      fc.property(crafted, (text) => {
        const ms = fastestMs(() => parseLead(text));
        if (ms >= BUDGET_MS) throw new Error(`${ms.toFixed(0)} ms for ${JSON.stringify(text.slice(0, 60))}…`);
      }),
      { numRuns: 120 },
    );
  });

  it("redacting any such text for a prompt is as cheap", () => {
    fc.assert(
      fc.property(crafted, (text) => {
        const ms = fastestMs(() => redactLead(redactContacts(text), ["Priya Raman"]));
        if (ms >= BUDGET_MS) throw new Error(`${ms.toFixed(0)} ms for ${JSON.stringify(text.slice(0, 60))}…`);
      }),
      { numRuns: 60 },
    );
  });
});
