import { loadTokenKeys } from "../config.js";
import { InstallationService } from "../services/installations.js";
import { TokenCipher } from "../services/tokenCipher.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withRuntime } from "./runtime.js";

/** `lead-triage tokens rotate-key`: re-seals every installation's tokens with TOKEN_ENCRYPTION_KEY; the keys
 * they were sealed with must be in TOKEN_ENCRYPTION_OLD_KEYS until this has run. */
export async function rotateKeyCommand(): Promise<void> {
  const keys = loadTokenKeys();
  if (keys === undefined)
    throw new CliError(
      "set TOKEN_ENCRYPTION_KEY to the new key (openssl rand -base64 32) and TOKEN_ENCRYPTION_OLD_KEYS to the keys it replaces",
      EXIT_USAGE,
    );
  const cipher = new TokenCipher(keys.current, keys.older);
  const rotated = await withRuntime((runtime) => new InstallationService(runtime.store, cipher).rotate());
  process.stdout.write(`re-sealed ${rotated} installation(s) with key ${cipher.currentKeyId}\n`);
}
