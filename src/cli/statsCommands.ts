import type { Command } from "commander";
import { CLI_WORKSPACE } from "../services/triageLead.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

interface StatsOptions {
  json?: boolean;
  days: string;
}

/** `lead-triage stats`: kept checks by decision over the last days. */
export async function statsCommand(options: StatsOptions): Promise<void> {
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1)
    throw new CliError("--days takes a whole number of days, e.g. --days 7", EXIT_USAGE);
  const since = new Date(Date.now() - days * 86_400_000);
  const counts = await withServices((services) => services.stats(CLI_WORKSPACE, since));
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

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerStatsCommand(program: Command): void {
  program
    .command("stats")
    .description("counts of kept checks by decision")
    .option("--days <n>", "period to count, in days", "30")
    .option("--json", "print the machine-readable counts")
    .action(statsCommand);
}
