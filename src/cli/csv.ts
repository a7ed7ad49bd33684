import { createReadStream, createWriteStream, openSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SingleBar } from "cli-progress";
import { stringify } from "csv-stringify";
import { z } from "zod";
import { csvRowToLeadText, hasKnownHeader } from "../domain/lead/csv.js";
import type { VerdictReport } from "../domain/personas/report.js";
import { csvRecords } from "./csvRecords.js";
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
  /** Triages one row's text (the row's first line is given for messages): the same use case as a paste. */
  triage: (text: string, line: number) => Promise<VerdictReport> | VerdictReport;
  /** Where skipped-row messages and the summary go. */
  report: (line: string) => void;
  progress: boolean;
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

  async function* triaged(): AsyncGenerator<string[]> {
    let headers: string[] | undefined;
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
      const report = await options.triage(csvRowToLeadText(row.data), record.line);
      summary.triaged++;
      summary.byDecision[report.decision] = (summary.byDecision[report.decision] ?? 0) + 1;
      bar?.update(bytes, { rows: summary.triaged });
      yield [
        ...record.fields,
        report.decision,
        String(report.risk),
        report.matches.map((m) => m.reason).join(" | "),
        report.missing.join(", "),
      ];
    }
  }

  try {
    await pipeline(triaged, stringify(), options.output);
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

const OPEN_FAILURES: Record<string, string> = {
  EISDIR: "is a directory; give a file name",
  ENOENT: "its folder does not exist",
  EACCES: "permission denied",
  EROFS: "the file system is read-only",
};

/** The --out file, opened now so that a bad path is one clear line before any work (not a stream error). */
export function openOutput(path: string | undefined): Writable {
  if (path === undefined) return process.stdout;
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw new CliError(`--out ${path}: ${OPEN_FAILURES[code] ?? `cannot be written (${code})`}`);
  }
  return createWriteStream(path, { fd });
}
