import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { Command, CommanderError } from "commander";
import { loadConfig } from "../config.js";
import { userFacingError } from "../domain/errors.js";
import { OUTCOME_LABELS, outcomeFromWord } from "../domain/outcomes/kinds.js";
import { isReasonId, REASONS, reasonIn } from "../domain/outcomes/reasons.js";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import type { RuleSet } from "../domain/personas/schema.js";
import { createLogger } from "../logger.js";
import { importColumns, OutcomeImporter } from "../services/outcomeImport.js";
import { OutcomeService } from "../services/outcomes.js";
import { runRetention } from "../services/retention.js";
import { RuleBook } from "../services/ruleBook.js";
import { DEFAULT_RULES_PATH, loadRuleFile } from "../services/ruleFiles.js";
import { openRuntime, type Runtime } from "../services/runtime.js";
import { decisionStats } from "../services/stats.js";
import { triageText } from "../services/triage.js";
import {
  CLI_WORKSPACE,
  createTriageServices,
  type TriageServices,
  triageLead,
} from "../services/triageLead.js";
import { openOutput, triageCsv } from "./csv.js";
import { csvRecords } from "./csvRecords.js";
import { CliError, EXIT_PARTIAL, EXIT_USAGE } from "./errors.js";
import { formatVerdict } from "./format.js";

/** Opens the database for one CLI run. Without a running app nothing else purges expired lead text, so
 * every CLI run does (one indexed UPDATE). */
async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig().storage, "lead-triage CLI");
  try {
    await runtime.store.workspaces.settings(CLI_WORKSPACE, "Command line");
    await runRetention(runtime.store);
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Triage services for one CLI run: the same use case and writer as the Slack app, with batches sized for
 * files; checks that cannot be kept are counted for the summary. */
function cliTriage(runtime: Runtime, defaultPack: RuleSet, onLost: () => void, maxBatch: number) {
  return createTriageServices(runtime, defaultPack, createLogger("silent"), {
    maxBatch,
    maxDelayMs: 20,
    retryForMs: 10_000,
    onLost,
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface CheckOptions {
  save: boolean;
  json?: boolean;
  file?: string;
  out?: string;
  rules?: string;
}

async function check(textArgs: string[], options: CheckOptions): Promise<void> {
  const defaultPack = await loadRuleFile(DEFAULT_RULES_PATH);
  // A rule file on the command line overrides the workspace's rules; otherwise the stored ones apply.
  const override = options.rules ? compileRuleSet(await loadRuleFile(options.rules)) : undefined;
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

  const print = (report: VerdictReport, checkId?: string) =>
    process.stdout.write(
      options.json
        ? `${JSON.stringify(checkId ? { ...report, checkId } : report, null, 2)}\n`
        : `${formatVerdict(report)}\n`,
    );
  if (!options.save) {
    const { lead, verdict } = triageText(text, override ?? compileRuleSet(defaultPack));
    print(verdictReport(lead, verdict));
    return;
  }
  await withRuntime(async (runtime) => {
    const triage = cliTriage(runtime, defaultPack, () => undefined, 1);
    const result = await triageLead(triage, { workspaceId: CLI_WORKSPACE, inputKind: "cli" }, text, {
      ...(override ? { rules: override } : {}),
    });
    print(result.report, result.checkId);
    await triage.close(10_000);
    if (!(await result.stored)) throw new CliError("the verdict above could not be kept in the database");
  });
}

async function checkFile(
  file: string,
  options: CheckOptions,
  defaultPack: RuleSet,
  override: CompiledRuleSet | undefined,
): Promise<void> {
  const output = openOutput(options.out);
  let notKept = 0;
  const run = async (triage?: TriageServices) =>
    triageCsv({
      input: file,
      output,
      report: (line) => process.stderr.write(`${line}\n`),
      progress: process.stderr.isTTY === true && options.out !== undefined,
      triage: triage
        ? async (text, line) => {
            const result = await triageLead(triage, { workspaceId: CLI_WORKSPACE, inputKind: "csv" }, text, {
              ...(override ? { rules: override } : {}),
            });
            void result.stored.then((stored) => {
              if (!stored) process.stderr.write(`row at line ${line} triaged but not kept\n`);
            });
            // Back-pressure: a file can be read far faster than it is written.
            await triage.writer.room();
            return result.report;
          }
        : (() => {
            const rules = override ?? compileRuleSet(defaultPack);
            return (text: string) => {
              const { lead, verdict } = triageText(text, rules);
              return verdictReport(lead, verdict);
            };
          })(),
    });
  const summary = options.save
    ? await withRuntime(async (runtime) => {
        const triage = cliTriage(runtime, defaultPack, () => notKept++, 500);
        try {
          return await run(triage);
        } finally {
          await triage.close(10_000);
        }
      })
    : await run();
  const counts = Object.entries(summary.byDecision)
    .map(([decision, n]) => `${n} ${decision}`)
    .join(", ");
  process.stderr.write(
    `triaged ${summary.triaged} lead(s)${counts ? ` (${counts})` : ""}` +
      `${summary.skipped > 0 ? `, skipped ${summary.skipped} malformed row(s)` : ""}` +
      `${notKept > 0 ? `, ${notKept} not kept` : ""}` +
      `${options.out ? ` -> ${options.out}` : ""}\n`,
  );
  if (summary.skipped > 0 || notKept > 0) process.exitCode = EXIT_PARTIAL;
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

async function outcomeCommand(checkId: string, kindWord: string, words: string[]): Promise<void> {
  const kind = outcomeFromWord(kindWord);
  if (kind === undefined)
    throw new CliError(
      `say what happened: won, lost, disqualified, no-show or wrong (not "${kindWord}")`,
      EXIT_USAGE,
    );
  const text = words.join(" ").trim();
  const reason = kind === "won" ? undefined : isReasonId(text) ? text : reasonIn(text);
  await withRuntime(async (runtime) => {
    const outcomes = new OutcomeService(
      runtime.store,
      new RuleBook(runtime.store.ruleSets, await loadRuleFile()),
    );
    const recorded = await outcomes.report({
      workspaceId: CLI_WORKSPACE,
      checkId,
      kind,
      ...(reason ? { reason } : {}),
      ...(text ? { repWords: text } : {}),
    });
    process.stdout.write(
      `recorded ${OUTCOME_LABELS[kind].toLowerCase()}${reason ? ` (${REASONS[reason].label.toLowerCase()})` : ""} for check ${recorded.check.id}, verdict ${recorded.verdict.decision}\n`,
    );
  });
}

async function listOutcomesCommand(options: { json?: boolean; limit: string }): Promise<void> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError("--limit takes a whole number, e.g. --limit 20", EXIT_USAGE);
  const rows = await withRuntime(async (runtime) =>
    new OutcomeService(runtime.store, new RuleBook(runtime.store.ruleSets, await loadRuleFile())).list(
      CLI_WORKSPACE,
      limit,
    ),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ outcomes: rows }, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write("No outcomes yet: lead-triage outcome CHECK_ID won|lost|disqualified [reason]\n");
    return;
  }
  for (const r of rows) {
    const reason = r.reason && isReasonId(r.reason) ? ` (${REASONS[r.reason].label.toLowerCase()})` : "";
    process.stdout.write(
      `${r.reportedAt.toISOString().slice(0, 10)}  ${r.kind.padEnd(12)} verdict ${r.decision.padEnd(10)} risk ${String(r.risk).padStart(3)}  ${r.checkId}${reason}\n`,
    );
  }
}

interface ImportOptions {
  json?: boolean;
  statusColumn?: string;
  reasonColumn?: string;
  workspace: string;
}

async function importOutcomesCommand(file: string, options: ImportOptions): Promise<void> {
  if (!existsSync(file)) throw new CliError(`${file}: file not found`);
  const defaultPack = await loadRuleFile(DEFAULT_RULES_PATH);
  let notKept = 0;
  const problems: string[] = [];
  const result = await withRuntime(async (runtime) => {
    await runtime.store.workspaces.settings(options.workspace);
    const before = (await decisionStats(runtime.store, options.workspace, new Date(0))).total;
    const triage = cliTriage(runtime, defaultPack, () => notKept++, 500);
    let importer: OutcomeImporter | undefined;
    try {
      const input = createReadStream(file, { encoding: "utf8" });
      for await (const record of csvRecords(
        createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }),
      )) {
        if ("error" in record) {
          problems.push(`skipped row at line ${record.line}: ${record.error}`);
          continue;
        }
        if (importer === undefined) {
          const headers = record.fields.map((h) => h.trim());
          const columns = importColumns(headers, {
            ...(options.statusColumn ? { status: options.statusColumn } : {}),
            ...(options.reasonColumn ? { reason: options.reasonColumn } : {}),
          });
          if (columns.status < 0)
            throw new CliError(
              `${file}: no status column (Status, Lead Status, Stage, Opportunity Stage…); name it with --status-column`,
            );
          importer = new OutcomeImporter(runtime.store, triage, options.workspace, headers, columns);
          continue;
        }
        const why = await importer.add(record.fields);
        if (why) problems.push(`skipped row at line ${record.line}: ${why}`);
      }
      await importer?.flush();
    } finally {
      await triage.close(10_000);
    }
    const after = (await decisionStats(runtime.store, options.workspace, new Date(0))).total;
    return { summary: importer?.summary, added: after - before };
  });
  for (const line of problems) process.stderr.write(`${line}\n`);
  const summary = result.summary ?? { imported: 0, open: 0, byOutcome: {}, byReason: {} };
  // Rows the CSV reader could not read and rows with a status this does not know.
  const skipped = problems.length;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...summary, skipped, newChecks: result.added, notKept }, null, 2)}\n`,
    );
  } else {
    const outcomes = Object.entries(summary.byOutcome)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    const reasons = Object.entries(summary.byReason)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .map(
        ([r, n]) =>
          `${r === "none" ? "no reason given" : REASONS[r as keyof typeof REASONS].label.toLowerCase()} ${n}`,
      )
      .join(", ");
    process.stdout.write(
      `imported ${summary.imported} lead(s)${outcomes ? ` (${outcomes}` : " ("}${summary.open ? `${outcomes ? ", " : ""}${summary.open} still open` : ""})` +
        `, ${result.added} new${skipped ? `, skipped ${skipped} row(s)` : ""}${notKept ? `, ${notKept} not kept` : ""}\n` +
        (reasons ? `reasons: ${reasons}\n` : ""),
    );
  }
  if (skipped > 0 || notKept > 0) process.exitCode = EXIT_PARTIAL;
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
    .option("--out <csv>", "with --file: write the triaged CSV here (default: standard output)")
    .option("--rules <file>", "use this rule file (YAML or JSON) instead of the default pack")
    .option("--no-save", "do not keep the check in the database")
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
    .option("--workspace <id>", "the Slack team id (T…) whose history this is", CLI_WORKSPACE)
    .option("--json", "print the machine-readable summary")
    .action(importOutcomesCommand);

  program.command("migrate").description("create or update the database schema").action(migrateCommand);

  const rules = program.command("rules").description("work with rule files");
  rules
    .command("validate")
    .description("check a rule file; exits non-zero with the problems")
    .argument("<file>", "YAML or JSON rule file")
    .action(validateRules);
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
