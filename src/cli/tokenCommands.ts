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
