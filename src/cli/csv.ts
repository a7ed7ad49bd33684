import { createReadStream, createWriteStream, statSync } from "node:fs";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SingleBar } from "cli-progress";
import { CsvError, parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { z } from "zod";
import { csvRowToLeadText, hasKnownHeader } from "../domain/lead/csv.js";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import { verdictReport } from "../domain/personas/report.js";
import { type Triage, triageText } from "../services/triage.js";
import { CliError } from "./errors.js";

export const VERDICT_COLUMNS = [
  "triage_decision",
  "triage_risk",
  "triage_red_flags",
  "triage_ask_for",
] as const;

const rowSchema = z.record(z.string(), z.string());

export interface CsvSummary {
  triaged: number;
  skipped: number;
  byDecision: Record<string, number>;
}

export interface CsvOptions {
  input: string;
  output: Writable;
  rules: CompiledRuleSet;
  /** Where skipped-row messages and the summary go. */
  report: (line: string) => void;
  progress: boolean;
  /** Called for every triaged row (e.g. to keep it); awaited, so it can write to a database. */
  onTriaged?: (triage: Triage) => Promise<void> | void;
}

/** Triages a CRM export row by row (streamed, any size) and writes it back with verdict columns appended.
 * A malformed row is reported and skipped; the rest is triaged. */
export async function triageCsv(options: CsvOptions): Promise<CsvSummary> {
  let size: number;
  try {
    const stat = statSync(options.input);
    if (!stat.isFile()) throw new CliError(`${options.input}: not a file`);
    size = stat.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${options.input}: file not found`);
  }
  const summary: CsvSummary = { triaged: 0, skipped: 0, byDecision: {} };
  const bar = options.progress
    ? new SingleBar({ format: "{bar} {percentage}% | {rows} rows", hideCursor: true })
    : null;
  bar?.start(size, 0, { rows: 0 });

  const input = createReadStream(options.input);
  let bytes = 0;
  input.on("data", (chunk) => {
    bytes += chunk.length;
  });
  const parser = parse({
    columns: (headers: string[]) => {
      const names = headers.map((h) => h.replace(/^\uFEFF/, "").trim());
      if (!hasKnownHeader(names)) {
        options.report(
          `warning: no column looks like a lead fact (e.g. Email, Company, Job Title); triaging the text anyway`,
        );
      }
      return names;
    },
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_quotes: false,
    trim: false,
  });
  parser.on("skip", (err: CsvError) => {
    summary.skipped++;
    const line = (err as CsvError & { lines?: number }).lines;
    options.report(
      `skipped row at line ${line ?? "?"}: ${err.message.replace(/^Invalid Record Length: /, "")}`,
    );
  });

  let headerWritten = false;
  const triage = new Transform({
    objectMode: true,
    transform(record: unknown, _enc, done) {
      const row = rowSchema.safeParse(record);
      const line = parser.info.lines;
      if (!row.success || Object.values(row.data).every((v) => v.trim() === "")) {
        summary.skipped++;
        options.report(`skipped row at line ${line}: no values`);
        done();
        return;
      }
      if (!headerWritten) {
        headerWritten = true;
        this.push([...Object.keys(row.data), ...VERDICT_COLUMNS]);
      }
      const triage = triageText(csvRowToLeadText(row.data), options.rules);
      const report = verdictReport(triage.lead, triage.verdict);
      summary.triaged++;
      summary.byDecision[report.decision] = (summary.byDecision[report.decision] ?? 0) + 1;
      bar?.update(bytes, { rows: summary.triaged });
      const out = [
        ...Object.values(row.data),
        report.decision,
        String(report.risk),
        report.matches.map((m) => m.reason).join(" | "),
        report.missing.join(", "),
      ];
      if (options.onTriaged === undefined) {
        done(null, out);
        return;
      }
      Promise.resolve(options.onTriaged(triage)).then(
        () => done(null, out),
        (e: unknown) => done(e as Error),
      );
    },
  });

  try {
    await pipeline(input, parser, triage, stringify(), options.output);
  } catch (e) {
    if (e instanceof CsvError) throw new CliError(`${options.input}: not a readable CSV file (${e.message})`);
    throw e;
  } finally {
    bar?.update(size, { rows: summary.triaged });
    bar?.stop();
  }
  return summary;
}

export function openOutput(path: string | undefined): Writable {
  if (path === undefined) return process.stdout;
  return createWriteStream(path);
}
