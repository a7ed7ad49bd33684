import { Command, CommanderError } from "commander";
import { loadConfig } from "../config.js";
import { userFacingError } from "../domain/errors.js";
import { compileRuleSet } from "../domain/personas/compile.js";
import { verdictReport } from "../domain/personas/report.js";
import { runRetention } from "../jobs/retention.js";
import { createLogger } from "../logger.js";
import { CheckWriter } from "../services/checkWriter.js";
import { checkRecord } from "../services/recordTriage.js";
import { DEFAULT_RULES_PATH, loadRuleFile } from "../services/ruleFiles.js";
import type { Triage } from "../services/triage.js";
import { triageText } from "../services/triage.js";
import { countDecisions, linkMessages, recordCheck, recordChecks } from "../store/checks.js";
import { type Database, openDatabase } from "../store/database.js";
import { CLI_WORKSPACE, workspaceSettings } from "../store/workspaces.js";

import { openOutput, triageCsv } from "./csv.js";
import { CliError, EXIT_PARTIAL, EXIT_USAGE } from "./errors.js";
import { formatVerdict } from "./format.js";

/** Opens the database for one CLI run, with the CLI workspace's retention (one query). Without a running
 * app nothing else purges expired lead text, so every CLI run does (one indexed UPDATE). */
async function withDatabase<T>(work: (db: Database, retainDays: number) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig().storage, { command: "lead-triage CLI" });
  try {
    const settings = await workspaceSettings(db.prisma, CLI_WORKSPACE, "Command line");
    await runRetention(db.prisma);
    return await work(db, settings.retentionDays);
  } finally {
    await db.close();
  }
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
  const rules = compileRuleSet(await loadRuleFile(options.rules ?? DEFAULT_RULES_PATH));
  if (options.file) {
    if (textArgs.length > 0) throw new CliError("give either lead text or --file, not both", EXIT_USAGE);
    const file = options.file;
    const output = openOutput(options.out);
    let notKept = 0;
    const run = async (db?: Database, days = 0) => {
      // One writer for the whole file: large batches; a row the database refuses is reported and the
      // others are kept.
      const writer = db
        ? new CheckWriter(
            {
              insert: (checks) => recordChecks(db.prisma, checks),
              linkMessages: (links) => linkMessages(db.prisma, links),
              ping: db.ping,
            },
            createLogger("silent"),
            { maxBatch: 500, maxDelayMs: 50, retryForMs: 30_000, onLost: () => notKept++ },
          )
        : undefined;
      try {
        return await triageCsv({
          input: file,
          output,
          rules,
          report: (line) => process.stderr.write(`${line}\n`),
          progress: process.stderr.isTTY === true && options.out !== undefined,
          ...(writer
            ? {
                onTriaged: async ({ lead, verdict }: Triage, line: number) => {
                  const kept = writer.keep(
                    checkRecord({ workspaceId: CLI_WORKSPACE, inputKind: "csv" }, lead, verdict, days),
                  );
                  void kept.stored.then((stored) => {
                    if (!stored) process.stderr.write(`row at line ${line} triaged but not kept\n`);
                  });
                  await writer.room();
                },
              }
            : {}),
        });
      } finally {
        await writer?.flush();
      }
    };
    const summary = options.save ? await withDatabase(run) : await run();
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

  const { lead, verdict } = triageText(text, rules);
  const report = verdictReport(lead, verdict);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatVerdict(report)}\n`);
  if (options.save) {
    await withDatabase((db, days) =>
      recordCheck(
        db.prisma,
        checkRecord({ workspaceId: CLI_WORKSPACE, inputKind: "cli" }, lead, verdict, days),
      ),
    );
  }
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
  const counts = await withDatabase((db) => countDecisions(db.prisma, CLI_WORKSPACE, since));
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
  const db = await openDatabase(loadConfig().storage, { command: "lead-triage migrate" });
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
