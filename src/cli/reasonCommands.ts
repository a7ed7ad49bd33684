import { withServices } from "./runtime.js";

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
