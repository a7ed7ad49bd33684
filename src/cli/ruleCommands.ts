import type { Command } from "commander";
import { describeChange } from "../domain/personas/diff.js";
import { describeBacktest } from "../domain/refine/backtest.js";
import { loadRuleFile } from "../services/ruleFiles.js";
import { CLI_WORKSPACE } from "../services/triageLead.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { writeFileAtomically } from "./outputFile.js";
import { backtestCommand } from "./refineCommands.js";
import { WORKSPACE_OPTION, withServices } from "./runtime.js";

interface WorkspaceOption {
  workspace: string;
}

function versionNumber(value: string | undefined, what = "version"): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(String(value).replace(/^v/i, ""));
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${what} is a version number such as 3 or v3`, EXIT_USAGE);
  return n;
}

export async function historyCommand(options: WorkspaceOption & { json?: boolean }): Promise<void> {
  const rows = await withServices(({ ruleSets }) => ruleSets.history(options.workspace));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ versions: rows }, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write("No versions yet: the default pack is adopted as v1 on first use.\n");
    return;
  }
  for (const r of rows)
    process.stdout.write(
      `v${r.version}${r.active ? " (in force)" : ""}  ${r.createdAt.toISOString().slice(0, 16).replace("T", " ")}  ${r.provenance}${r.author ? ` by ${r.author}` : ""}${r.note ? ` — ${r.note}` : ""}\n`,
    );
}

export async function exportCommand(
  options: WorkspaceOption & { version?: string; out?: string },
): Promise<void> {
  const version = versionNumber(options.version);
  const yaml = await withServices(({ ruleSets }) => ruleSets.exportYaml(options.workspace, version));
  if (options.out) {
    writeFileAtomically("--out", options.out, yaml);
    process.stderr.write(`wrote ${options.out}\n`);
  } else process.stdout.write(yaml);
}

export async function diffCommand(
  from: string,
  to: string | undefined,
  options: WorkspaceOption,
): Promise<void> {
  const a = versionNumber(from, "the first version") as number;
  const b = versionNumber(to, "the second version");
  const changes = await withServices(({ ruleSets }) => ruleSets.diff(options.workspace, a, b));
  if (changes.length === 0) process.stdout.write("no differences\n");
  for (const c of changes) process.stdout.write(`${describeChange(c)}\n`);
}

/** Publishing shows the diff and the backtest first: nobody publishes blind. */
export async function publishCommand(
  file: string,
  options: WorkspaceOption & { note?: string; author?: string },
): Promise<void> {
  const candidate = await loadRuleFile(file);
  const result = await withServices(async ({ ruleSets, backtests }) => {
    const [backtest] = await backtests.run(options.workspace, [candidate]);
    const published = await ruleSets.publish(options.workspace, candidate, {
      author: options.author ?? process.env.USER ?? "cli",
      ...(options.note ? { note: options.note } : {}),
    });
    return { ...published, backtest };
  });
  for (const c of result.changes) process.stdout.write(`${describeChange(c)}\n`);
  if (result.backtest) process.stdout.write(`backtest: ${describeBacktest(result.backtest, 90)}\n`);
  process.stdout.write(`published v${result.version}\n`);
}

export async function restoreCommand(version: string, options: WorkspaceOption): Promise<void> {
  const v = versionNumber(version) as number;
  const result = await withServices(({ ruleSets }) =>
    ruleSets.restore(options.workspace, v, process.env.USER ?? "cli"),
  );
  for (const c of result.changes) process.stdout.write(`${describeChange(c)}\n`);
  process.stdout.write(`restored v${v} as v${result.version}\n`);
}

/** `lead-triage rules validate FILE`: the file's problems, or what it holds. */
export async function validateRulesCommand(file: string): Promise<void> {
  const ruleSet = await loadRuleFile(file);
  const rules = ruleSet.personas.reduce((n, p) => n + p.rules.length, 0);
  process.stdout.write(
    `${file}: valid — ${ruleSet.personas.length} personas, ${rules} rules (version ${ruleSet.version})\n`,
  );
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerRuleCommands(program: Command): void {
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
    .option(...WORKSPACE_OPTION)
    .option("--json", "print the machine-readable result")
    .action(backtestCommand);
}
