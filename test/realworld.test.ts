import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
/** The hand-labelled public corpus beside the project (REALWORLD_DIR elsewhere); skipped where it is absent. */
const CORPUS = resolve(process.env.REALWORLD_DIR ?? "../shared/realworld");
const SCORER = join(CORPUS, "score.mjs");

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
interface Score {
  stats: Record<string, Counts>;
  strictTitle: { exact: number; labelled: number };
  asksKnown: unknown[] | number;
  wrongDecisions: unknown[];
  crashes: unknown[];
  nonJson: unknown[];
}

const precision = (c: Counts) => c.tp / (c.tp + c.fp);
const recall = (c: Counts) => c.tp / (c.tp + c.fn);

/** Guards issue 9's targets on the whole corpus, through the built CLI as a user runs it. */
describe.runIf(existsSync(SCORER))("real-world leads (shared/realworld)", () => {
  it("keep the parser at or above the agreed figures", { timeout: 300_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lt-realworld-")), "score.json");
    await run(process.execPath, [SCORER, ".", "--json-out", out, "--jobs", "2"], { maxBuffer: 16 << 20 });
    const score = JSON.parse(readFileSync(out, "utf8")) as Score;
    const s = score.stats as Record<"title" | "company" | "country" | "seniority", Counts>;
    expect(precision(s.title)).toBeGreaterThanOrEqual(0.95);
    expect(score.strictTitle.exact / score.strictTitle.labelled).toBeGreaterThanOrEqual(0.85);
    expect(precision(s.company)).toBeGreaterThanOrEqual(0.95);
    expect(recall(s.company)).toBeGreaterThanOrEqual(0.9);
    expect(precision(s.country)).toBeGreaterThanOrEqual(0.95);
    expect(precision(s.seniority)).toBeGreaterThanOrEqual(0.95);
    expect(recall(s.seniority)).toBeGreaterThanOrEqual(0.95);
    const asks = Array.isArray(score.asksKnown) ? score.asksKnown.length : score.asksKnown;
    expect(asks).toBe(0);
    expect(score.wrongDecisions).toHaveLength(0);
    expect(score.crashes).toHaveLength(0);
    expect(score.nonJson).toHaveLength(0);
  });
});
