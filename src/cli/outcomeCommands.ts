import { createReadStream, existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { StatusReader, statusMapSchema } from "../domain/outcomes/crm.js";
import { OUTCOME_LABELS, outcomeFromWord } from "../domain/outcomes/kinds.js";
import type { ReasonTaxonomy } from "../domain/outcomes/taxonomy.js";
import {
  emptyImportSummary,
  type ImportColumns,
  type ImportSummary,
  importColumns,
  type OutcomeImporter,
} from "../services/outcomeImport.js";
import type { ReasonMapper } from "../services/reasonMapping.js";
import { CLI_WORKSPACE } from "../services/triageLead.js";
import { csvRecords } from "./csvRecords.js";
import { CliError, EXIT_PARTIAL, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

export async function outcomeCommand(checkId: string, kindWord: string, words: string[]): Promise<void> {
  const kind = outcomeFromWord(kindWord);
  if (kind === undefined)
    throw new CliError(
      `say what happened: won, lost, disqualified, no-show or wrong (not "${kindWord}")`,
      EXIT_USAGE,
    );
  const text = words.join(" ").trim();
  await withServices(
    async ({ outcomes }) => {
      const reading = await outcomes.readWords(CLI_WORKSPACE, text, { outcome: kind });
      if (reading.kind !== "report") return; // a given outcome is always a report
      const byModel = reading.askModel ? await outcomes.reasonByModel(reading, text) : undefined;
      const reason = reading.reason ?? byModel;
      const recorded = await outcomes.report({
        workspaceId: CLI_WORKSPACE,
        checkId,
        kind,
        ...(reason ? { reason } : {}),
        ...(text ? { repWords: text } : {}),
      });
      const label = reason ? reading.taxonomy.label(reason).toLowerCase() : undefined;
      process.stdout.write(
        `recorded ${OUTCOME_LABELS[kind].toLowerCase()}${label ? ` (${label}${byModel ? ", read by AI from your words" : ""})` : ""} for check ${recorded.check.id}, verdict ${recorded.verdict.decision}\n`,
      );
    },
    { llm: true },
  );
}

export async function listOutcomesCommand(options: { json?: boolean; limit: string }): Promise<void> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError("--limit takes a whole number, e.g. --limit 20", EXIT_USAGE);
  const { rows, taxonomy } = await withServices(async ({ outcomes, reasons }) => {
    return {
      rows: await outcomes.list(CLI_WORKSPACE, limit),
      taxonomy: await reasons.taxonomy(CLI_WORKSPACE),
    };
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ outcomes: rows }, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write("No outcomes yet: lead-triage outcome CHECK_ID won|lost|disqualified [reason]\n");
    return;
  }
  for (const r of rows) {
    const reason = r.reason ? ` (${taxonomy.label(r.reason).toLowerCase()})` : "";
    process.stdout.write(
      `${r.reportedAt.toISOString().slice(0, 10)}  ${r.kind.padEnd(12)} verdict ${r.decision.padEnd(10)} risk ${String(r.risk).padStart(3)}  ${r.checkId}${reason}\n`,
    );
  }
}

export interface ImportOptions {
  json?: boolean;
  statusColumn?: string;
  reasonColumn?: string;
  statusMap?: string;
  workspace: string;
}

/** The team's own statuses (--status-map, YAML or JSON: `"Closed - Not Converted": disqualified`). */
export function loadStatusReader(file: string | undefined): StatusReader {
  if (file === undefined) return new StatusReader();
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: ${code === "ENOENT" ? "file not found" : code ? `cannot read (${code})` : "not YAML or JSON"}`,
      EXIT_USAGE,
    );
  }
  const parsed = statusMapSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `"${issue.path.join(".")}": ` : "";
    throw new CliError(
      `${file}: ${where}${issue?.message ?? "not a status map"} (write one status a line: "Closed - Not Converted": disqualified)`,
      EXIT_USAGE,
    );
  }
  return new StatusReader(parsed.data);
}

/** Each distinct status and what it became, most rows first: what the team checks before trusting an import. */
function statusLines(summary: ImportSummary): string[] {
  return [...summary.statuses]
    .sort((a, b) => b[1].rows - a[1].rows)
    .map(([status, { became, rows }]) => {
      const what =
        became === "unknown" ? "not read: no outcome (say what it means with --status-map)" : became;
      return `  ${JSON.stringify(status)} → ${what} (${rows} row${rows === 1 ? "" : "s"})`;
    });
}

/** Distinct reason texts the model is asked about in one import, at most: a few calls, never thousands. */
const MAX_MAPPED_REASONS = 400;

/** With the optional LLM configured: the file's reason texts (of lost, disqualified… rows) that the synonyms
 * cannot read, each distinct text mapped once, before the import. Empty without an LLM. */
async function reasonsMappedByModel(
  mapper: ReasonMapper | undefined,
  file: string,
  options: ImportOptions,
  taxonomy: ReasonTaxonomy,
  statuses: StatusReader,
): Promise<Map<string, string>> {
  if (mapper === undefined) return new Map();
  const texts = new Set<string>();
  let columns: ImportColumns | undefined;
  const input = createReadStream(file, { encoding: "utf8" });
  for await (const record of csvRecords(createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }))) {
    if ("error" in record) continue;
    if (columns === undefined) {
      columns = importColumns(
        record.fields.map((h) => h.trim()),
        {
          ...(options.statusColumn ? { status: options.statusColumn } : {}),
          ...(options.reasonColumn ? { reason: options.reasonColumn } : {}),
        },
      );
      if (columns.status < 0 || columns.reason < 0) break;
      continue;
    }
    const status = statuses.read(record.fields[columns.status] ?? "");
    if (status === undefined || status === "won" || status === "open" || status === "skip") continue;
    const words = (record.fields[columns.reason] ?? "").trim();
    if (words && taxonomy.find(words) === undefined) texts.add(words);
    if (texts.size >= MAX_MAPPED_REASONS) break;
  }
  input.destroy();
  return texts.size > 0 ? mapper.map(taxonomy, [...texts]) : new Map();
}

export async function importOutcomesCommand(file: string, options: ImportOptions): Promise<void> {
  if (!existsSync(file)) throw new CliError(`${file}: file not found`);
  const statuses = loadStatusReader(options.statusMap);
  const problems: string[] = [];
  const result = await withServices(
    async (services) => {
      await services.ensureWorkspace(options.workspace);
      const before = await services.countChecks(options.workspace);
      const taxonomy = await services.reasons.taxonomy(options.workspace);
      const mapped = await reasonsMappedByModel(
        services.assistant?.reasons,
        file,
        options,
        taxonomy,
        statuses,
      );
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
            importer = services.outcomeImporter(
              options.workspace,
              headers,
              columns,
              taxonomy,
              mapped,
              statuses,
            );
            continue;
          }
          await importer.add(record.fields);
        }
        await importer?.flush();
      } finally {
        await services.triage.close(10_000);
      }
      const after = await services.countChecks(options.workspace);
      return { summary: importer?.summary, notKept: importer?.notKept ?? 0, added: after - before, taxonomy };
    },
    { batching: "file", llm: true },
  );
  const { notKept } = result;
  for (const line of problems) process.stderr.write(`${line}\n`);
  const summary = result.summary ?? emptyImportSummary();
  // Rows the CSV reader could not read.
  const skipped = problems.length;
  if (options.json) {
    const statuses = Object.fromEntries(summary.statuses);
    process.stdout.write(
      `${JSON.stringify({ ...summary, statuses, skipped, newChecks: result.added, notKept }, null, 2)}\n`,
    );
  } else {
    const outcomes = Object.entries(summary.byOutcome)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    const reasons = Object.entries(summary.byReason)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .map(([r, n]) => `${r === "none" ? "no reason given" : result.taxonomy.label(r).toLowerCase()} ${n}`)
      .join(", ");
    process.stdout.write(
      `imported ${summary.imported} lead(s)${outcomes ? ` (${outcomes}` : " ("}${summary.open ? `${outcomes ? ", " : ""}${summary.open} still open` : ""}${summary.unread ? `${outcomes || summary.open ? ", " : ""}${summary.unread} without an outcome: status not read` : ""})` +
        `, ${result.added} new${skipped ? `, skipped ${skipped} row(s)` : ""}${notKept ? `, ${notKept} not kept` : ""}\n` +
        (reasons ? `reasons: ${reasons}\n` : "") +
        (summary.reasonsByModel
          ? `${summary.reasonsByModel} reason(s) read by AI from the CRM's words\n`
          : "") +
        `statuses:\n${statusLines(summary).join("\n")}\n`,
    );
  }
  if (skipped > 0 || notKept > 0 || summary.unread > 0) process.exitCode = EXIT_PARTIAL;
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerOutcomeCommands(program: Command): void {
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
}
