import type { Command } from "commander";
import type { PendingSuggestion, SuggestionService } from "../services/suggestions.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { WORKSPACE_OPTION, withServices } from "./runtime.js";

interface WorkspaceOption {
  workspace: string;
}

/** How a suggestion is named on the command line: the start of its id, enough to be unique in practice. */
export const shortId = (id: string): string => id.slice(0, 8);

/** The open suggestion an id (or the start of one, as `suggestions list` shows it) names. */
async function resolveId(suggestions: SuggestionService, workspace: string, given: string): Promise<string> {
  const id = given.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(id))
    throw new CliError(
      `"${given}" is not a suggestion id: use one that lead-triage suggestions list shows`,
      EXIT_USAGE,
    );
  if (id.length === 36) return id;
  const matching = (await suggestions.open(workspace)).filter((s) => s.id.startsWith(id));
  if (matching.length > 1)
    throw new CliError(`"${given}" starts ${matching.length} suggestions' ids: give more of it`, EXIT_USAGE);
  if (matching.length === 0)
    throw new CliError(
      `no open suggestion's id starts with "${given}": run lead-triage suggestions list (or lead-triage refine)`,
    );
  return (matching[0] as PendingSuggestion).id;
}

function describe(s: PendingSuggestion): string {
  return `${shortId(s.id)}  ${s.summary}\n          Backtest: ${s.backtestLine}`;
}

/** `lead-triage suggestions list`: the open suggestions as `refine` (or the weekly job, or `/triage refine`) left
 * them, each with the id approve and dismiss take. */
export async function listSuggestionsCommand(options: WorkspaceOption & { json?: boolean }): Promise<void> {
  const open = await withServices(({ suggestions }) => suggestions.open(options.workspace));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ suggestions: open }, null, 2)}\n`);
    return;
  }
  if (open.length === 0) {
    process.stdout.write(
      "No open suggestions. lead-triage refine looks for new ones in the outcomes on record.\n",
    );
    return;
  }
  process.stdout.write(`${open.length} open suggestion(s):\n${open.map(describe).join("\n")}\n`);
  process.stdout.write(
    "Approve one with lead-triage suggestions approve ID, or dismiss it with a --reason.\n",
  );
}

/** `lead-triage suggestions approve ID`: publishes it as the next rule-set version, as the Slack button does (the
 * same claim, validation and provenance). */
export async function approveSuggestionCommand(
  id: string,
  options: WorkspaceOption & { author?: string },
): Promise<void> {
  const published = await withServices(async ({ suggestions }) => {
    const full = await resolveId(suggestions, options.workspace, id);
    return suggestions.approve(options.workspace, full, options.author ?? process.env.USER ?? "cli");
  });
  process.stdout.write(`published v${published.version}: ${published.summary}\n`);
}

/** `lead-triage suggestions dismiss ID --reason …`: it stays dismissed until its evidence changes materially. */
export async function dismissSuggestionCommand(
  id: string,
  options: WorkspaceOption & { reason?: string; author?: string },
): Promise<void> {
  const reason = options.reason?.trim();
  if (!reason) throw new CliError('give the reason: --reason "we sell to agencies on purpose"', EXIT_USAGE);
  const summary = await withServices(async ({ suggestions }) => {
    const full = await resolveId(suggestions, options.workspace, id);
    return suggestions.dismiss(options.workspace, full, options.author ?? process.env.USER ?? "cli", reason);
  });
  process.stdout.write(
    `dismissed: ${summary} It won't be suggested again unless its evidence changes materially.\n`,
  );
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerSuggestionCommands(program: Command): void {
  const suggestions = program
    .command("suggestions")
    .description(
      "the open rule suggestions (from lead-triage refine or the weekly job): list, approve, dismiss",
    );
  suggestions
    .command("list", { isDefault: true })
    .description("the open suggestions, each with its id and backtest")
    .option(...WORKSPACE_OPTION)
    .option("--json", "print them as JSON")
    .action(listSuggestionsCommand);
  suggestions
    .command("approve")
    .description("publish a suggestion as the next rule-set version (as the Slack button does)")
    .argument("<id>", "the id, or its start as suggestions list shows it")
    .option("--author <name>", "who approves (default: $USER)")
    .option(...WORKSPACE_OPTION)
    .action(approveSuggestionCommand);
  suggestions
    .command("dismiss")
    .description("dismiss a suggestion with your reason; it returns only if its evidence changes materially")
    .argument("<id>", "the id, or its start as suggestions list shows it")
    .requiredOption("--reason <text>", "why, kept with it")
    .option("--author <name>", "who dismisses (default: $USER)")
    .option(...WORKSPACE_OPTION)
    .action(dismissSuggestionCommand);
}
