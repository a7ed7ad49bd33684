import type { Command } from "commander";
import { WORKSPACE_OPTION, withServices } from "./runtime.js";

/** Whoever runs the CLI holds the database, so is an admin of every workspace in it. */
interface WorkspaceOption {
  workspace: string;
}

export async function listReasonsCommand(options: WorkspaceOption & { json?: boolean }): Promise<void> {
  const taxonomy = await withServices(({ reasons }) => reasons.taxonomy(options.workspace));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ reasons: taxonomy.entries }, null, 2)}\n`);
    return;
  }
  for (const e of taxonomy.entries)
    process.stdout.write(`${e.id.padEnd(24)} ${e.label}${e.changed ? "  (this workspace's)" : ""}\n`);
}

export async function addReasonCommand(
  label: string[],
  options: WorkspaceOption & { words?: string },
): Promise<void> {
  const words = (options.words ?? "").split(",").map((w) => w.trim());
  const added = await withServices(({ reasons }) =>
    reasons.add(options.workspace, label.join(" "), words.filter(Boolean)),
  );
  process.stdout.write(`added ${added.id} (${added.label})\n`);
}

export async function renameReasonCommand(
  reason: string,
  label: string[],
  options: WorkspaceOption,
): Promise<void> {
  const { from, change } = await withServices(({ reasons }) =>
    reasons.rename(options.workspace, reason, label.join(" ")),
  );
  process.stdout.write(`renamed ${change.id}: ${from} → ${change.label}\n`);
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerReasonCommands(program: Command): void {
  const reasons = program
    .command("reasons")
    .description("the reasons a lead did not buy (defaults, renamed or extended per workspace)");
  reasons
    .command("list", { isDefault: true })
    .description("list the reasons reps pick from")
    .option(...WORKSPACE_OPTION)
    .option("--json", "print the machine-readable list")
    .action(listReasonsCommand);
  reasons
    .command("add")
    .description('add a reason: lead-triage reasons add Needs on-premise --words "on-prem, self-hosted"')
    .argument("<label...>", "the reason as reps will see it")
    .option("--words <list>", "comma-separated words that also name it in replies and CRM columns")
    .option(...WORKSPACE_OPTION)
    .action(addReasonCommand);
  reasons
    .command("rename")
    .description("rename a reason; outcomes keep it and its old name still maps replies")
    .argument("<reason>", "its id or current name (quote a name with spaces)")
    .argument("<label...>", "the new name")
    .option(...WORKSPACE_OPTION)
    .action(renameReasonCommand);
}
