import { Command, CommanderError } from "commander";
import { compileRuleSet } from "../domain/personas/compile.js";
import { RuleSetError } from "../domain/personas/load.js";
import { verdictReport } from "../domain/personas/report.js";
import { DEFAULT_RULES_PATH, loadRuleFile } from "../services/ruleFiles.js";
import { EmptyLeadError, triageText } from "../services/triage.js";
import { openOutput, triageCsv } from "./csv.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { formatVerdict } from "./format.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface CheckOptions {
  json?: boolean;
  file?: string;
  out?: string;
  rules?: string;
}

async function check(textArgs: string[], options: CheckOptions): Promise<void> {
  const rules = compileRuleSet(await loadRuleFile(options.rules ?? DEFAULT_RULES_PATH));
  if (options.file) {
    if (textArgs.length > 0) throw new CliError("give either lead text or --file, not both", EXIT_USAGE);
    const summary = await triageCsv({
      input: options.file,
      output: openOutput(options.out),
      rules,
      report: (line) => process.stderr.write(`${line}\n`),
      progress: process.stderr.isTTY === true && options.out !== undefined,
    });
    const counts = Object.entries(summary.byDecision)
      .map(([decision, n]) => `${n} ${decision}`)
      .join(", ");
    process.stderr.write(
      `triaged ${summary.triaged} lead(s)${counts ? ` (${counts})` : ""}` +
        `${summary.skipped > 0 ? `, skipped ${summary.skipped} malformed row(s)` : ""}` +
        `${options.out ? ` -> ${options.out}` : ""}\n`,
    );
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
    .action(check);

  const rules = program.command("rules").description("work with rule files");
  rules
    .command("validate")
    .description("check a rule file; exits non-zero with the problems")
    .argument("<file>", "YAML or JSON rule file")
    .action(validateRules);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof CliError) {
      process.stderr.write(`lead-triage: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof RuleSetError) {
      process.stderr.write(`lead-triage: ${e.message}\n`);
      return 1;
    }
    if (e instanceof EmptyLeadError) {
      process.stderr.write(`lead-triage: ${e.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`lead-triage: unexpected error: ${(e as Error).message}\n`);
    return 1;
  }
}
