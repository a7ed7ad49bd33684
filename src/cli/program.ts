import { Command, CommanderError } from "commander";
import { userFacingError } from "../domain/errors.js";
import { CLI_WORKSPACE } from "../services/triageLead.js";
import { checkCommand } from "./checkCommands.js";
import { digestPreviewCommand } from "./digestCommands.js";
import { EXIT_USAGE } from "./errors.js";
import { forgetCommand } from "./forgetCommands.js";
import { inboundSendCommand } from "./inboundCommands.js";
import { outboundReplayCommand } from "./outboundCommands.js";
import { importOutcomesCommand, listOutcomesCommand, outcomeCommand } from "./outcomeCommands.js";
import { addReasonCommand, listReasonsCommand, renameReasonCommand } from "./reasonCommands.js";
import { backtestCommand, refineCommand } from "./refineCommands.js";
import {
  diffCommand,
  exportCommand,
  historyCommand,
  publishCommand,
  restoreCommand,
  validateRulesCommand,
} from "./ruleCommands.js";
import { migrateCommand } from "./schemaCommands.js";
import { statsCommand } from "./statsCommands.js";
import {
  approveSuggestionCommand,
  dismissSuggestionCommand,
  listSuggestionsCommand,
} from "./suggestionCommands.js";
import { rotateKeyCommand } from "./tokenCommands.js";

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
    .action(checkCommand);

  program
    .command("stats")
    .description("counts of kept checks by decision")
    .option("--days <n>", "period to count, in days", "30")
    .option("--json", "print the machine-readable counts")
    .action(statsCommand);

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
    .action(validateRulesCommand);
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
