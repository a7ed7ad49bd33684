import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { openRuntime } from "../services/runtime.js";

/** `lead-triage migrate`: creates or updates the database schema and says what it applied. */
export async function migrateCommand(): Promise<void> {
  const db = await openRuntime(loadConfig().storage, "lead-triage migrate");
  try {
    const { applied, alreadyApplied } = db.migrations;
    process.stdout.write(
      `${db.engine === "pglite" ? "embedded database" : "PostgreSQL server"}: ` +
        `${applied.length > 0 ? `applied ${applied.join(", ")}` : "up to date"} (${alreadyApplied} already applied)\n`,
    );
  } finally {
    await db.close();
  }
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerMigrateCommand(program: Command): void {
  program.command("migrate").description("create or update the database schema").action(migrateCommand);
}
