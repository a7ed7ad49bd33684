import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

/** `lead-triage outbound replay --since …`: queues again every verdict and current outcome since then, for each
 * workspace with an outbound URL (or the one named); the running app sends them, signed as always. */
export async function outboundReplayCommand(o: { since: string; workspace?: string }): Promise<void> {
  const since = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(o.since) ? new Date(o.since) : new Date(Number.NaN);
  if (Number.isNaN(since.getTime()))
    throw new CliError(
      `--since ${o.since}: give a date like 2026-12-01 (or 2026-12-01T09:00:00Z)`,
      EXIT_USAGE,
    );
  const queued = await withServices(({ outbound }) => outbound.replay(since, o.workspace));
  process.stdout.write(
    `queued ${queued} event(s) since ${since.toISOString().slice(0, 10)}${o.workspace ? ` for ${o.workspace}` : ""}; the running app sends them\n`,
  );
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerOutboundCommands(program: Command): void {
  program
    .command("outbound")
    .description("verdicts and outcomes sent to each workspace's outbound URL")
    .command("replay")
    .description("queue again every verdict and outcome since a date (the running app sends them)")
    .requiredOption("--since <date>", "e.g. 2026-12-01")
    .option("--workspace <id>", "only this Slack team id (T…)")
    .action(outboundReplayCommand);
}
