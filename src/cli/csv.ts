import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SingleBar } from "cli-progress";
import { stringify } from "csv-stringify";
import { z } from "zod";
import { csvRowToLeadText, hasKnownHeader } from "../domain/lead/csv.js";
import type { RowVerdict } from "../services/bulkTriage.js";
import { csvRecords } from "./csvRecords.js";
import { CliError } from "./errors.js";

export const VERDICT_COLUMNS = [
  "triage_decision",
  "triage_risk",
  "triage_red_flags",
  "triage_ask_for",
  "triage_history",
] as const;

const rowSchema = z.record(z.string(), z.string());

export interface CsvSummary {
  triaged: number;
  skipped: number;
  byDecision: Record<string, number>;
}

/** A row to triage: its lead text and the file line where it starts. */
export interface CsvRow {
  text: string;
  line: number;
}

/** Rows are triaged in batches of this many, with a few batches in flight at once. */
export const CSV_BATCH = 250;
const IN_FLIGHT = 4;

export interface CsvOptions {
  input: string;
  output: Writable;
  /** Triages a batch of rows (the same use case as a paste), answering each with its verdict or why it
   * could not be triaged. Several batches may be in flight; answers are written in file order. */
  triage: (rows: CsvRow[]) => Promise<(RowVerdict | { error: string })[]>;
  /** Where skipped-row messages and the summary go. */
  report: (line: string) => void;
  progress: boolean;
  /** Write cells exactly as read, even those a spreadsheet would run as a formula (see spreadsheetSafe). */
  rawCells?: boolean;
}

/** What starts a formula in Excel, LibreOffice or Google Sheets (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text: one that would start a formula gets a leading single quote, as OWASP
 * advises. A lead's words ("=HYPERLINK(…)") then never run on the machine of whoever opens the file. */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A promise awaited later: its failure is not "unhandled" while earlier batches are awaited first. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Triages a CRM export row by row (streamed, any size) and writes it back with verdict columns appended.
 * A malformed row is reported with its line and skipped; reading resumes at the next line. */
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

  const input = createReadStream(options.input, { encoding: "utf8" });
  let bytes = 0;
  input.on("data", (chunk) => {
    bytes += chunk.length;
  });
  const skip = (line: number, why: string) => {
    summary.skipped++;
    options.report(`skipped row at line ${line}: ${why}`);
  };

  /** A batch's output rows, once triaged. */
  const answer = async (batch: { row: CsvRow; fields: string[] }[]): Promise<string[][]> => {
    const verdicts = await options.triage(batch.map((b) => b.row));
    const out: string[][] = [];
    verdicts.forEach((v, i) => {
      const { row, fields } = batch[i] as { row: CsvRow; fields: string[] };
      if ("error" in v) {
        skip(row.line, v.error);
        return;
      }
      summary.triaged++;
      summary.byDecision[v.decision] = (summary.byDecision[v.decision] ?? 0) + 1;
      out.push([
        ...fields,
        v.decision,
        String(v.risk),
        v.redFlags.join(" | "),
        v.missing.join(", "),
        v.history ?? "",
      ]);
    });
    bar?.update(bytes, { rows: summary.triaged });
    return out;
  };

  async function* triaged(): AsyncGenerator<string[]> {
    let headers: string[] | undefined;
    let batch: { row: CsvRow; fields: string[] }[] = [];
    const inFlight: Promise<string[][]>[] = [];
    for await (const record of csvRecords(createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }))) {
      if ("error" in record) {
        skip(record.line, record.error);
        continue;
      }
      if (headers === undefined) {
        headers = checkHeader(
          record.fields.map((h) => h.trim()),
          options,
        );
        yield [...headers, ...VERDICT_COLUMNS];
        continue;
      }
      const cells = headers.map((h, i) => [h, record.fields[i] ?? ""] as const);
      const row = rowSchema.safeParse(Object.fromEntries(cells));
      if (!row.success || record.fields.every((v) => v.trim() === "")) {
        skip(record.line, "no values");
        continue;
      }
      batch.push({ row: { text: csvRowToLeadText(row.data), line: record.line }, fields: record.fields });
      if (batch.length < CSV_BATCH) continue;
      inFlight.push(settledLater(answer(batch)));
      batch = [];
      if (inFlight.length >= IN_FLIGHT) yield* (await inFlight.shift()) as string[][];
    }
    if (batch.length > 0) inFlight.push(settledLater(answer(batch)));
    for (const pending of inFlight) yield* await pending;
  }

  try {
    const cells = options.rawCells ? stringify() : stringify({ cast: { string: spreadsheetSafe } });
    await pipeline(triaged, cells, options.output);
  } finally {
    input.destroy();
    bar?.update(size, { rows: summary.triaged });
    bar?.stop();
  }
  return summary;
}

/** What looks like a lead's value rather than a column name. */
const DATA_LIKE = /@|https?:\/\/|www\.|\d{3,}/;

/** The header row as given; refused when it is a lead rather than column names (a file without a header
 * would otherwise lose its first lead and misname every column). */
function checkHeader(names: string[], options: Pick<CsvOptions, "input" | "report">): string[] {
  if (hasKnownHeader(names)) return names;
  const dataLike = names.find((n) => DATA_LIKE.test(n));
  if (dataLike !== undefined) {
    throw new CliError(
      `${options.input}: the first line is a lead, not a header row ("${dataLike.slice(0, 40)}"); ` +
        "add a first line naming the columns, e.g. Name,Title,Company,Email",
    );
  }
  options.report(
    "warning: no column looks like a lead fact (e.g. Email, Company, Job Title); triaging the text anyway",
  );
  return names;
}
