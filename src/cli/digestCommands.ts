import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "./errors.js";
import { WORKSPACE_OPTION, withServices } from "./runtime.js";

/** The end of ISO week "2026-W48" (the next Monday, 00:00 UTC). */
export function isoWeekEnd(week: string): Date {
  const m = /^(\d{4})-?W(\d{2})$/i.exec(week.trim());
  const year = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || n > 53)
    throw new CliError(`--week takes an ISO week such as 2026-W48 (not "${week}")`, EXIT_USAGE);
  // ISO week 1 is the week with January 4th in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(mondayOfWeek1 + n * 7 * 86_400_000);
}

export async function digestPreviewCommand(options: {
  week?: string;
  json?: boolean;
  workspace: string;
}): Promise<void> {
  const to = options.week ? isoWeekEnd(options.week) : new Date();
  const data = await withServices(({ digests }) => digests.data(options.workspace, to), { llm: true });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const lines = [
    `Week ${data.from.toISOString().slice(0, 10)} – ${new Date(data.to.getTime() - 1).toISOString().slice(0, 10)}: ${data.week.total} check(s) (previous week ${data.previousWeek.total})`,
  ];
  for (const d of ["pass", "review", "reject", "needs_info"] as const)
    lines.push(`  ${d.padEnd(11)} ${data.week.byDecision[d] ?? 0}`);
  if (data.topRules.length > 0)
    lines.push(
      "Top red flags:",
      ...data.topRules.map((r) => `  ${r.rule}: ${r.checks} (won ${r.won}, lost ${r.lost})`),
    );
  if (data.reasons.length > 0)
    lines.push("Reasons reported:", ...data.reasons.map((r) => `  ${r.label}: ${r.count}`));
  if (data.themes)
    lines.push("Themes in what reps wrote (AI):", ...data.themes.map((t) => `  ${t.label}: ${t.count}`));
  lines.push(
    `Waiting for an outcome: ${data.awaitingOutcome}`,
    `Suggestions waiting for an admin: ${data.pendingSuggestions}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerDigestCommands(program: Command): void {
  program
    .command("digest")
    .description("the weekly red-flag digest")
    .command("preview")
    .description("the digest's numbers for a week (default: the last 7 days)")
    .option("--week <YYYY-Www>", "an ISO week, e.g. 2026-W48")
    .option(...WORKSPACE_OPTION)
    .option("--json", "print the machine-readable model")
    .action(digestPreviewCommand);
}
