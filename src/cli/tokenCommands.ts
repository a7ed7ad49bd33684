import type { Command } from "commander";
import { loadTokenKeys } from "../config.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

/** `lead-triage tokens rotate-key`: re-seals every installation's tokens with TOKEN_ENCRYPTION_KEY; the keys
 * they were sealed with must be in TOKEN_ENCRYPTION_OLD_KEYS until this has run. */
export async function rotateKeyCommand(): Promise<void> {
  const keys = loadTokenKeys();
  if (keys === undefined)
    throw new CliError(
      "set TOKEN_ENCRYPTION_KEY to the new key (openssl rand -base64 32) and TOKEN_ENCRYPTION_OLD_KEYS to the keys it replaces",
      EXIT_USAGE,
    );
  const { rotated, keyId } = await withServices(async (services) => {
    const installations = services.installations(keys);
    return { rotated: await installations.rotate(), keyId: installations.currentKeyId };
  });
  process.stdout.write(`re-sealed ${rotated} installation(s) with key ${keyId}\n`);
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerTokenCommands(program: Command): void {
  const tokens = program
    .command("tokens")
    .description("the Slack tokens of installations, sealed at rest (distribution mode)");
  tokens
    .command("rotate-key")
    .description(
      "re-seal every installation with TOKEN_ENCRYPTION_KEY (the keys it replaces in TOKEN_ENCRYPTION_OLD_KEYS)",
    )
    .action(rotateKeyCommand);
}
