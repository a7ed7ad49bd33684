import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { loadConfig } from "../config.js";
import type { NewCheck } from "../domain/checks.js";
import { userFacingError } from "../domain/errors.js";
import type { LeadHistory, PriorCheck } from "../domain/memory/history.js";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { verdictReport } from "../domain/personas/report.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { createLogger } from "../logger.js";
import { createAssistant } from "../services/assistant.js";
import { triageRows } from "../services/bulkTriage.js";
import { FileMemory } from "../services/fileMemory.js";
import { fileFingerprint, recordId } from "../services/recordIds.js";
import { defaultThreads, RowTriagePool, THREADS_AVAILABLE } from "../services/rowTriagePool.js";
import { DEFAULT_RULES_PATH, loadRuleFile } from "../services/ruleFiles.js";
import { openRuntime } from "../services/runtime.js";
import { decisionStats } from "../services/stats.js";
import type { SummaryStore, TriagedLead } from "../services/summaries.js";
import { triageText } from "../services/triage.js";
import { CLI_WORKSPACE, rulesInForce, triageLead } from "../services/triageLead.js";
import { type CsvRow, type CsvSummary, triageCsv } from "./csv.js";
import { digestPreviewCommand } from "./digestCommands.js";
import { CliError, EXIT_PARTIAL, EXIT_USAGE } from "./errors.js";
import { forgetCommand } from "./forgetCommands.js";
import { formatHistory, formatVerdict, historyLine } from "./format.js";
import { inboundSendCommand } from "./inboundCommands.js";
import { outboundReplayCommand } from "./outboundCommands.js";
import { importOutcomesCommand, listOutcomesCommand, outcomeCommand } from "./outcomeCommands.js";
import { openOutputFile } from "./outputFile.js";
import { addReasonCommand, listReasonsCommand, renameReasonCommand } from "./reasonCommands.js";
import { backtestCommand, refineCommand } from "./refineCommands.js";
import {
  diffCommand,
  exportCommand,
  historyCommand,
  publishCommand,
  restoreCommand,
} from "./ruleCommands.js";
import { cliTriage, unsavedRules, withRuntime } from "./runtime.js";
import {
  approveSuggestionCommand,
  dismissSuggestionCommand,
  listSuggestionsCommand,
} from "./suggestionCommands.js";
import { rotateKeyCommand } from "./tokenCommands.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface CheckOptions {
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

async function check(textArgs: string[], options: CheckOptions): Promise<void> {
  const defaultPack = await loadRuleFile(DEFAULT_RULES_PATH);
  // A rule file on the command line overrides the workspace's rules; otherwise the stored ones apply.
  const override = options.rules ? compileRuleSet(await loadRuleFile(options.rules)) : undefined;
  if (options.resume && (!options.file || !options.save))
    throw new CliError("--resume goes with --file, when checks are kept (not with --no-save)", EXIT_USAGE);
  if (options.file) {
    if (textArgs.length > 0) throw new CliError("give either lead text or --file, not both", EXIT_USAGE);
    await checkFile(options.file, options, defaultPack, override);
    return;
  }
  let text: string;
  if (textArgs.length === 1 && textArgs[0] === "-") text = await readStdin();
  else if (textArgs.length === 0 && !process.stdin.isTTY) text = await readStdin();
  else if (textArgs.length === 0) {
    throw new CliError(
      'give the lead text: lead-triage check "Priya Raman, VP Sales at Northwind…"',
      EXIT_USAGE,
    );
  } else text = textArgs.join(" ");

  // The verdict is decided first; then the model's reading (when configured) is asked for and, when the check
  // is kept, kept with it.
  const print = async (
    triaged: TriagedLead & { history?: LeadHistory; repeatOf?: PriorCheck | undefined },
    store?: SummaryStore,
  ) => {
    const summaries = options.summary
      ? createAssistant(loadConfig().llm, createLogger("silent"), store)?.summaries
      : undefined;
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
  };
  if (!options.save) {
    const rules = override ?? (await unsavedRules(defaultPack));
    const { lead, verdict } = triageText(text, rules);
    await print({ lead, verdict, rules, report: verdictReport(lead, verdict) });
    return;
  }
  await withRuntime(async (runtime) => {
    const triage = cliTriage(runtime, defaultPack, () => undefined, 1);
    const result = await triageLead(triage, { workspaceId: CLI_WORKSPACE, inputKind: "cli" }, text, {
      ...(override ? { rules: override } : {}),
    });
    await triage.close(10_000);
    await print(result, runtime.store);
    if (!(await result.stored)) throw new CliError("the verdict above could not be kept in the database");
  });
}

async function checkFile(
  file: string,
  options: CheckOptions,
  defaultPack: RuleSet,
  override: CompiledRuleSet | undefined,
): Promise<void> {
  const where = { workspaceId: CLI_WORKSPACE, inputKind: "csv" as const };
  let notKept = 0;
  let alreadyKept = 0;
  const threads = threadsFor(file, options);
  const output = options.out ? openOutputFile("--out", options.out, [file]) : undefined;
  // Threads start loading now, while the database opens; they get the rules once those are read from it.
  const pool = threads > 0 ? new RowTriagePool(threads) : undefined;
  /** Triages the file with `rules`; each triaged row's check goes to `keep` (the writer) when saving, with the id
   * `idFor` gives it (else a new one). With `memory`, each row is judged with the team's history and says it. */
  const run = (
    rules: CompiledRuleSet,
    retentionDays: number,
    saving?: {
      keep: (record: NewCheck, line: number) => void;
      room: () => Promise<void>;
      idFor: (line: number) => string;
      memory?: { files: FileMemory; hashKey: Uint8Array };
    },
  ) => {
    const setup = {
      where,
      retentionDays,
      keep: saving !== undefined,
      ...(saving?.memory ? { memory: { hashKey: saving.memory.hashKey } } : {}),
    };
    pool?.configure(rules.ruleSet, setup);
    return triageCsv({
      input: file,
      output: output?.stream ?? process.stdout,
      rawCells: !options.formulaGuard,
      report: (line) => process.stderr.write(`${line}\n`),
      progress: process.stderr.isTTY === true && options.out !== undefined,
      triage: async (batch) => {
        const texts = batch.map((r) => r.text);
        const results = pool ? await pool.triage(texts) : triageRows(texts, rules, setup);
        if (!saving) return results.map((r) => ("error" in r ? r : r.verdict));
        results.forEach((r, i) => {
          if ("record" in r && r.record) r.record.id = saving.idFor((batch[i] as CsvRow).line);
        });
        const histories = saving.memory ? await saving.memory.files.apply(batch, results) : [];
        results.forEach((r, i) => {
          if ("record" in r && r.record) saving.keep(r.record, (batch[i] as CsvRow).line);
        });
        // Back-pressure: a file can be read far faster than it is written.
        await saving.room();
        return results.map((r, i) => {
          if ("error" in r) return r;
          const remembered = histories[i];
          return remembered ? { ...r.verdict, history: historyLine(remembered) } : r.verdict;
        });
      },
    });
  };
  let summary: CsvSummary;
  try {
    if (!options.save) {
      summary = await run(override ?? (await unsavedRules(defaultPack)), 0);
    } else {
      summary = await withRuntime(async (runtime) => {
        const triage = cliTriage(runtime, defaultPack, () => notKept++, 500);
        const { rules, retentionDays } = await rulesInForce(triage, CLI_WORKSPACE, override);
        // --resume: each row's check id comes from the file and the row, so rows kept by an earlier run (one
        // that was stopped) are not kept twice.
        const fingerprint = options.resume ? await fileFingerprint(file) : undefined;
        const counted = () => decisionStats(runtime.store, CLI_WORKSPACE, new Date(0)).then((s) => s.total);
        const before = fingerprint ? await counted() : 0;
        let result: CsvSummary;
        try {
          const memory = triage.memory;
          const startedAt = new Date();
          result = await run(rules, retentionDays, {
            keep: (record, line) => {
              void triage.writer.keep(record).stored.then((stored) => {
                if (!stored) process.stderr.write(`row at line ${line} triaged but not kept\n`);
              });
            },
            room: () => triage.writer.room(),
            idFor: (line) =>
              fingerprint ? recordId(CLI_WORKSPACE, `${fingerprint}:${line}`, "row") : randomUUID(),
            ...(memory
              ? {
                  memory: {
                    files: new FileMemory(memory, where, rules, retentionDays, startedAt),
                    hashKey: await memory.hashKey(),
                  },
                }
              : {}),
          });
        } finally {
          await triage.close(10_000);
        }
        if (fingerprint) alreadyKept = result.triaged - notKept - ((await counted()) - before);
        return result;
      });
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

interface StatsOptions {
  json?: boolean;
  days: string;
}

async function stats(options: StatsOptions): Promise<void> {
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1)
    throw new CliError("--days takes a whole number of days, e.g. --days 7", EXIT_USAGE);
  const since = new Date(Date.now() - days * 86_400_000);
  const counts = await withRuntime((runtime) => decisionStats(runtime.store, CLI_WORKSPACE, since));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ since: since.toISOString(), days, ...counts }, null, 2)}\n`);
    return;
  }
  const lines = [`Checks in the last ${days} day(s): ${counts.total}`];
  for (const decision of ["pass", "review", "reject", "needs_info"] as const) {
    lines.push(`  ${decision.padEnd(11)} ${counts.byDecision[decision] ?? 0}`);
  }
  if (counts.averageRisk !== null) lines.push(`Average risk: ${counts.averageRisk}/100`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
async function migrateCommand(): Promise<void> {
  const db = await openRuntime(loadConfig().storage, "lead-triage migrate");
  try {
    const { applied, alreadyApplied } = db.migrations;
    process.stdout.write(
      `${db.engine === "pglite" ? "embedded database" : "PostgreSQL server"}: ` +
        `${applied.length > 0 ? `applied ${applied.join(", ")}` : "up to date"} (${alreadyApplied} already applied)\n`,
    );
  } finally {
    await db.close();
  }
}

async function validateRules(file: string): Promise<void> {
  const ruleSet = await loadRuleFile(file);
  const rules = ruleSet.personas.reduce((n, p) => n + p.rules.length, 0);
  process.stdout.write(
    `${file}: valid — ${ruleSet.personas.length} personas, ${rules} rules (version ${ruleSet.version})\n`,
  );
}

export function buildProgram(): Command {
  const program = new Command("lead-triage")
    .description("Triage sales leads against your anti-personas, with the reasons behind every verdict.")
    .showHelpAfterError()
    .exitOverride();

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
    .action(check);

  program
    .command("stats")
    .description("counts of kept checks by decision")
    .option("--days <n>", "period to count, in days", "30")
    .option("--json", "print the machine-readable counts")
    .action(stats);

  program
    .command("outcome")
    .description("record what became of a checked lead: lead-triage outcome CHECK_ID lost no budget")
    .argument("<check-id>", "the check's id (printed by check --json as checkId)")
    .argument("<outcome>", "won, lost, disqualified (dq), no-show or wrong (the verdict was wrong)")
    .argument("[reason...]", "why, in your words (mapped to a canonical reason)")
    .action(outcomeCommand);

  const outcomes = program.command("outcomes").description("work with recorded outcomes");
  outcomes
    .command("list")
    .description("the latest outcomes with the verdict each lead was given")
    .option("--limit <n>", "how many", "50")
    .option("--json", "print the machine-readable list")
    .action(listOutcomesCommand);
  outcomes
    .command("import")
    .description("import a CRM export of past leads with their status and reason (idempotent)")
    .argument("<csv>", "the export: Salesforce, HubSpot, Pipedrive or Odoo columns are recognised")
    .option("--status-column <name>", "the column with the lead's status or stage")
    .option("--reason-column <name>", "the column with the lost or disqualified reason")
    .option(
      "--status-map <file>",
      'what your own statuses mean, YAML or JSON ("Closed - Not Converted": disqualified); won, lost, disqualified, no_show, open or skip',
    )
    .option("--workspace <id>", "the Slack team id (T…) whose history this is", CLI_WORKSPACE)
    .option("--json", "print the machine-readable summary")
    .action(importOutcomesCommand);

  const reasons = program
    .command("reasons")
    .description("the reasons a lead did not buy (defaults, renamed or extended per workspace)");
  reasons
    .command("list", { isDefault: true })
    .description("list the reasons reps pick from")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .option("--json", "print the machine-readable list")
    .action(listReasonsCommand);
  reasons
    .command("add")
    .description('add a reason: lead-triage reasons add Needs on-premise --words "on-prem, self-hosted"')
    .argument("<label...>", "the reason as reps will see it")
    .option("--words <list>", "comma-separated words that also name it in replies and CRM columns")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .action(addReasonCommand);
  reasons
    .command("rename")
    .description("rename a reason; outcomes keep it and its old name still maps replies")
    .argument("<reason>", "its id or current name (quote a name with spaces)")
    .argument("<label...>", "the new name")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .action(renameReasonCommand);

  program
    .command("refine")
    .description(
      "suggest rule changes from recorded outcomes, with the evidence (kept as open suggestions; the rules change only when one is approved)",
    )
    .option("--min-support <n>", "outcomes needed behind a trait or rule before it is tested", "8")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .option("--json", "print the machine-readable suggestions")
    .action(refineCommand);

  const suggestions = program
    .command("suggestions")
    .description(
      "the open rule suggestions (from lead-triage refine or the weekly job): list, approve, dismiss",
    );
  suggestions
    .command("list", { isDefault: true })
    .description("the open suggestions, each with its id and backtest")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .option("--json", "print them as JSON")
    .action(listSuggestionsCommand);
  suggestions
    .command("approve")
    .description("publish a suggestion as the next rule-set version (as the Slack button does)")
    .argument("<id>", "the id, or its start as suggestions list shows it")
    .option("--author <name>", "who approves (default: $USER)")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .action(approveSuggestionCommand);
  suggestions
    .command("dismiss")
    .description("dismiss a suggestion with your reason; it returns only if its evidence changes materially")
    .argument("<id>", "the id, or its start as suggestions list shows it")
    .requiredOption("--reason <text>", "why, kept with it")
    .option("--author <name>", "who dismisses (default: $USER)")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .action(dismissSuggestionCommand);

  program
    .command("digest")
    .description("the weekly red-flag digest")
    .command("preview")
    .description("the digest's numbers for a week (default: the last 7 days)")
    .option("--week <YYYY-Www>", "an ISO week, e.g. 2026-W48")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .option("--json", "print the machine-readable model")
    .action(digestPreviewCommand);

  program.command("migrate").description("create or update the database schema").action(migrateCommand);

  const rules = program.command("rules").description("work with rule files");
  rules
    .command("validate")
    .description("check a rule file; exits non-zero with the problems")
    .argument("<file>", "YAML or JSON rule file")
    .action(validateRules);
  const ws = ["--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE] as const;
  rules
    .command("history")
    .description("every version of the rules, newest first, with who published it and why")
    .option(...ws)
    .option("--json", "print the machine-readable list")
    .action(historyCommand);
  rules
    .command("export")
    .description("the rules in force (or --version N) as a YAML file to edit and publish")
    .option("--version <n>", "a past version")
    .option("--out <file>", "write here instead of standard output")
    .option(...ws)
    .action(exportCommand);
  rules
    .command("diff")
    .description("what changed between two versions (the second defaults to the rules in force)")
    .argument("<from>", "a version, e.g. 2")
    .argument("[to]", "a later version")
    .option(...ws)
    .action(diffCommand);
  rules
    .command("publish")
    .description("publish a rule file as the next version, after showing its diff and backtest")
    .argument("<file>", "YAML or JSON rule file")
    .option("--note <text>", "why, for the history")
    .option("--author <name>", "who (default: $USER)")
    .option(...ws)
    .action(publishCommand);
  rules
    .command("restore")
    .description("make an old version the rules in force again (as a new version)")
    .argument("<version>", "the version to restore, e.g. 2")
    .option(...ws)
    .action(restoreCommand);
  rules
    .command("backtest")
    .description("what a rule file would have changed over recent checks with known outcomes")
    .argument("<file>", "YAML or JSON rule file")
    .option("--days <n>", "how far back to replay", "90")
    .option("--workspace <id>", "the Slack team id (T…)", CLI_WORKSPACE)
    .option("--json", "print the machine-readable result")
    .action(backtestCommand);

  program
    .command("forget")
    .description(
      "erase what names a person or a domain (their words, summaries, naming facts, outcome notes; the counts stay), or everything of one workspace",
    )
    .option("--email <address>", "one person")
    .option("--domain <domain>", "everyone at a domain (and its subdomains)")
    .option("--workspace <id>", "only this Slack team id (T…); without it, every workspace")
    .option("--all", "with --workspace: everything of that workspace (after an uninstall)")
    .option("--json", "print the machine-readable counts")
    .action(forgetCommand);

  program
    .command("inbound")
    .description("leads posted by web forms and CRMs")
    .command("send")
    .description("sign a lead (a JSON file) as a form would and post it to a running app; prints its answer")
    .argument("<file>", "a JSON object of lead fields, or - for standard input")
    .option(
      "--workspace <id>",
      "the Slack team id (T…) whose endpoint to use (its secret is read from the database)",
    )
    .option("--endpoint <id>", "the endpoint (ep_…), when the workspace has several")
    .option("--secret <secret>", "the endpoint's secret (then the database is not opened)")
    .option("--url <address>", "the app's address (default: PUBLIC_URL, else http://127.0.0.1:$PORT)")
    .option("--idempotency-key <key>", "send the same key again to test retries (default: a new one)")
    .action(inboundSendCommand);
  program
    .command("outbound")
    .description("verdicts and outcomes sent to each workspace's outbound URL")
    .command("replay")
    .description("queue again every verdict and outcome since a date (the running app sends them)")
    .requiredOption("--since <date>", "e.g. 2026-12-01")
    .option("--workspace <id>", "only this Slack team id (T…)")
    .action(outboundReplayCommand);

  const tokens = program
    .command("tokens")
    .description("the Slack tokens of installations, sealed at rest (distribution mode)");
  tokens
    .command("rotate-key")
    .description(
      "re-seal every installation with TOKEN_ENCRYPTION_KEY (the keys it replaces in TOKEN_ENCRYPTION_OLD_KEYS)",
    )
    .action(rotateKeyCommand);
  return program;
}

/** Runs the CLI; resolves to the exit code. Every error becomes one line on stderr (see userFacingError). */
export async function main(argv: string[]): Promise<number> {
  try {
    process.exitCode = undefined;
    await buildProgram().parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    // The reader went away (`| head`): nothing more to say to it.
    if ((e as NodeJS.ErrnoException).code === "EPIPE") return 0;
    const { message, exitCode } = userFacingError(e);
    process.stderr.write(`lead-triage: ${message}\n`);
    return exitCode;
  }
}
