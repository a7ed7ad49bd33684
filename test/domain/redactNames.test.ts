import { describe, expect, it } from "vitest";
import { redactLead } from "../../src/domain/privacy/redact.js";
import { FRESH_NAME_CASES, HELD_OUT_NAME_CASES, NAME_CASES, type NameCase } from "./redactNames.cases.js";

/** Every word of a name that still stands in the redacted text, as a whole word. */
function leftOver(redacted: string, name: string): string[] {
  return name
    .split(/[\s]+/)
    .filter((w) => w.length >= 2)
    .filter((w) =>
      new RegExp(
        `(?<![\\p{L}\\p{N}_-])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_-])`,
        "u",
      ).test(redacted),
    );
}

function measure(cases: NameCase[]) {
  let words = 0;
  let removed = 0;
  let kept = 0;
  let toKeep = 0;
  const missed: string[] = [];
  const lost: string[] = [];
  for (const c of cases) {
    const redacted = redactLead(c.text);
    for (const name of c.names) {
      const all = name.split(/\s+/).filter((w) => w.length >= 2);
      const left = leftOver(redacted, name);
      words += all.length;
      removed += all.length - left.length;
      if (left.length > 0) missed.push(`${left.join(" ")} in ${JSON.stringify(redacted)}`);
    }
    for (const word of c.keep ?? []) {
      toKeep++;
      if (redacted.includes(word)) kept++;
      else lost.push(`${word} in ${JSON.stringify(redacted)}`);
    }
  }
  return { recall: removed / words, keptShare: kept / toKeep, removed, words, kept, toKeep, missed, lost };
}

describe("names in a prompt, found without the parser's name fact", () => {
  it.each([
    ["the shapes it was built on", NAME_CASES],
    ["shapes written after it was built (held out)", HELD_OUT_NAME_CASES],
    ["shapes written after both (fresh)", FRESH_NAME_CASES],
  ])("removes at least 95 percent of the names in %s, and keeps the persona's words", (_name, cases) => {
    const m = measure(cases);
    // The figures RESULTS.md reports.
    console.info(
      `${cases.length} shapes: names removed ${m.removed}/${m.words} = ${m.recall.toFixed(3)}; persona words kept ${m.kept}/${m.toKeep} = ${m.keptShare.toFixed(3)}\n${[...m.missed, ...m.lost].join("\n")}`,
    );
    expect(m.recall, m.missed.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(m.keptShare, m.lost.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("holds at least 50 shapes in all", () => {
    expect(NAME_CASES.length + HELD_OUT_NAME_CASES.length).toBeGreaterThanOrEqual(50);
    expect(NAME_CASES.length).toBeGreaterThanOrEqual(50);
  });
});
