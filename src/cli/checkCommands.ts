import { statSync } from "node:fs";
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import type { LeadHistory, PriorCheck } from "../domain/memory/history.js";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { verdictReport } from "../domain/personas/report.js";
import { createLogger } from "../logger.js";
import { createAssistant } from "../services/assistant.js";
import type { RowVerdict } from "../services/bulkTriage.js";
import { fileFingerprint } from "../services/recordIds.js";
import { defaultThreads, RowTriagePool, THREADS_AVAILABLE } from "../services/rowTriagePool.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import type { SummaryService, TriagedLead } from "../services/summaries.js";
import { triageText } from "../services/triage.js";
import { type FileRowAnswer, type TriageBatch, unsavedFileTriage } from "../services/triageFile.js";
import { CLI_WORKSPACE, triageLead } from "../services/triageLead.js";
import { type CsvSummary, triageCsv } from "./csv.js";
import { CliError, EXIT_PARTIAL, EXIT_USAGE } from "./errors.js";
import { formatHistory, formatVerdict, historyLine } from "./format.js";
import { openOutputFile } from "./outputFile.js";
import { unsavedRules, withServices } from "./runtime.js";

export interface CheckOptions {
  save: boolean;
  /** --resume: rows of this file kept by an earlier run are not kept again. */
  resume?: boolean;
  /** Commander's --no-summary: false. On when an LLM is configured. */
  summary: boolean;
  json?: boolean;
  file?: string;
  out?: string;
  rules?: string;
  /** --threads: worker threads for --file (see threadsFor). */
  threads?: string;
  /** Commander's --no-formula-guard: false writes cells that start a formula as they are. */
  formulaGuard: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The lead's text: the arguments, or standard input ("-", or piped with no arguments). */
async function leadText(textArgs: string[]): Promise<string> {
  if (textArgs.length === 1 && textArgs[0] === "-") return readStdin();
  if (textArgs.length === 0 && !process.stdin.isTTY) return readStdin();
  if (textArgs.length === 0)
    throw new CliError(
      'give the lead text: lead-triage check "Priya Raman, VP Sales at Northwind…"',
      EXIT_USAGE,
    );
  return textArgs.join(" ");
}

/** `lead-triage check "text"` and `check --file leads.csv`. */
export async function checkCommand(textArgs: string[], options: CheckOptions): Promise<void> {
  // A rule file on the command line overrides the workspace's rules; otherwise the stored ones apply.
  const override = options.rules ? compileRuleSet(await loadRuleFile(options.rules)) : undefined;
  if (options.resume && (!options.file || !options.save))
    throw new CliError("--resume goes with --file, when checks are kept (not with --no-save)", EXIT_USAGE);
  if (options.file) {
    if (textArgs.length > 0) throw new CliError("give either lead text or --file, not both", EXIT_USAGE);
    await checkFile(options.file, options, override);
    return;
  }
  const text = await leadText(textArgs);
  if (!options.save) {
    const rules = override ?? (await unsavedRules());
    const { lead, verdict } = triageText(text, rules);
    const summaries = options.summary
      ? createAssistant(loadConfig().llm, createLogger("silent"))?.summaries
      : undefined;
    await printVerdict({ lead, verdict, rules, report: verdictReport(lead, verdict) }, options, summaries);
    return;
  }
  await withServices(
    async (services) => {
      const result = await triageLead(
        services.triage,
        { workspaceId: CLI_WORKSPACE, inputKind: "cli" },
        text,
        {
          ...(override ? { rules: override } : {}),
        },
      );
      await services.triage.close(10_000);
      await printVerdict(result, options, options.summary ? services.assistant?.summaries : undefined);
      if (!(await result.stored)) throw new CliError("the verdict above could not be kept in the database");
    },
    { llm: options.summary },
  );
}

/** Prints a verdict; the verdict is decided first, then the model's reading (when configured) is asked for and,
 * when the check is kept, kept with it. */
async function printVerdict(
  triaged: TriagedLead & { history?: LeadHistory; repeatOf?: PriorCheck | undefined },
  options: CheckOptions,
  summaries: SummaryService | undefined,
): Promise<void> {
  const reading = summaries ? await summaries.read(triaged) : undefined;
  const report = reading?.report ?? triaged.report;
  const summary = reading?.summary;
  const summaryField = summary ? { summary: "summary" in summary ? summary.summary : null } : {};
  const checkId = triaged.checkId;
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ ...report, ...(checkId ? { checkId } : {}), ...summaryField, ...(triaged.history ? { history: triaged.history, repeatOf: triaged.repeatOf?.id ?? null } : {}) }, null, 2)}\n`
      : `${formatVerdict(report)}\n${summary ? `Summary: ${"summary" in summary ? summary.summary : `unavailable (${summary.unavailable})`}\n` : ""}${triaged.history ? formatHistory(triaged.history, triaged.repeatOf) : ""}`,
  );
}

/** A row's verdict as the file gets it: the history as one line. */
function rowAnswer(answer: FileRowAnswer): RowVerdict | { error: string } {
  if ("error" in answer) return answer;
  return answer.history ? { ...answer.verdict, history: historyLine(answer.history) } : answer.verdict;
}

async function checkFile(
  file: string,
  options: CheckOptions,
  override: CompiledRuleSet | undefined,
): Promise<void> {
  const threads = threadsFor(file, options);
  const output = options.out ? openOutputFile("--out", options.out, [file]) : undefined;
  // Threads start loading now, while the database opens; they get the rules once those are read from it.
  const pool = threads > 0 ? new RowTriagePool(threads) : undefined;
  const readFile = (triageBatch: TriageBatch) =>
    triageCsv({
      input: file,
      output: output?.stream ?? process.stdout,
      rawCells: !options.formulaGuard,
      report: (line) => process.stderr.write(`${line}\n`),
      progress: process.stderr.isTTY === true && options.out !== undefined,
      triage: async (batch) => (await triageBatch(batch)).map(rowAnswer),
    });
  let summary: CsvSummary;
  let notKept = 0;
  let alreadyKept = 0;
  try {
    if (!options.save) {
      const rules = override ?? (await unsavedRules());
      summary = await readFile(
        unsavedFileTriage(rules, { workspaceId: CLI_WORKSPACE, inputKind: "csv" }, pool),
      );
    } else {
      // --resume: each row's check id comes from the file and the row, so rows kept by an earlier run (one
      // that was stopped) are not kept twice.
      const fingerprint = options.resume ? await fileFingerprint(file) : undefined;
      const kept = await withServices(
        (services) =>
          services.triageFile(
            {
              override,
              fingerprint,
              pool,
              onNotKept: (line) => process.stderr.write(`row at line ${line} triaged but not kept\n`),
            },
            readFile,
          ),
        { batching: "file" },
      );
      ({ result: summary, notKept, alreadyKept } = kept);
    }
    await output?.commit();
  } finally {
    output?.discard();
    await pool?.close();
  }
  const counts = Object.entries(summary.byDecision)
    .map(([decision, n]) => `${n} ${decision}`)
    .join(", ");
  process.stderr.write(
    `triaged ${summary.triaged} lead(s)${counts ? ` (${counts})` : ""}` +
      `${summary.skipped > 0 ? `, skipped ${summary.skipped} malformed row(s)` : ""}` +
      `${notKept > 0 ? `, ${notKept} not kept` : ""}` +
      `${alreadyKept > 0 ? `, ${alreadyKept} already kept by an earlier run (not kept again)` : ""}` +
      `${options.out ? ` -> ${options.out}` : ""}\n`,
  );
  if (summary.skipped > 0 || notKept > 0) process.exitCode = EXIT_PARTIAL;
}

/** Files under this size are triaged on the main thread: starting threads would cost more than they save. */
const THREADED_FILE_BYTES = 1 << 20;

/** Worker threads for a file: --threads as given (0: none), else defaultThreads() for a file of 1 MB or more.
 * None when threads cannot run (from the TypeScript sources). */
function threadsFor(file: string, options: CheckOptions): number {
  if (options.threads !== undefined) {
    const n = Number(options.threads);
    if (!Number.isInteger(n) || n < 0 || n > 64)
      throw new CliError("--threads takes a whole number from 0 (none) to 64, e.g. --threads 2", EXIT_USAGE);
    return THREADS_AVAILABLE ? n : 0;
  }
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return 0; // the file's own check says what is wrong with it
  }
  return size >= THREADED_FILE_BYTES ? defaultThreads(options.save) : 0;
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description('triage a lead: lead-triage check "text", "-" or piped stdin, or --file leads.csv')
    .argument("[text...]", "the lead details; '-' reads standard input")
    .option("--json", "print the machine-readable verdict")
    .option("--file <csv>", "triage every row of a CRM export (CSV)")
    .option(
      "--out <csv>",
      "with --file: write the triaged CSV here, whole or not at all (default: standard output)",
    )
    .option(
      "--no-formula-guard",
      "with --file: write cells as read, even those a spreadsheet would run as a formula (=, +, -, @)",
    )
    .option("--rules <file>", "use this rule file (YAML or JSON) instead of the default pack")
    .option("--no-save", "do not keep the check in the database")
    .option("--resume", "with --file: rows this file's earlier (stopped) run already kept are not kept again")
    .option(
      "--threads <n>",
      "with --file: worker threads that triage rows (default for files of 1 MB or more: CPU cores - 1, at most 4; 0: none)",
    )
    .option(
      "--no-summary",
      "no AI summary even when an LLM is configured (OPENAI_API_KEY or OPENAI_BASE_URL)",
    )
    .action(checkCommand);
}
