import { randomBytes } from "node:crypto";
import type { Repositories } from "./ports/index.js";
import { TokenCipher } from "./tokenCipher.js";

/** Seals the secrets the app shares with senders and receivers (inbound endpoints, the outbound URL) with a key
 * the database makes once: a copy of those tables alone reveals no secret. */
export class DatabaseSealer {
  private cipher: Promise<TokenCipher> | undefined;

  constructor(private readonly store: Pick<Repositories, "memory">) {}

  private get(): Promise<TokenCipher> {
    this.cipher ??= this.store.memory
      .secret("endpoint_seal_key", () => randomBytes(32).toString("base64"))
      .then((key) => new TokenCipher(Buffer.from(key, "base64")));
    // A failed read is tried again next time, not remembered.
    this.cipher.catch(() => {
      this.cipher = undefined;
    });
    return this.cipher;
  }

  async seal(secret: string): Promise<string> {
    return (await this.get()).seal(secret);
  }

  async open(sealed: string): Promise<string> {
    return (await this.get()).open(sealed);
  }
}

/** A secret an admin brought that cannot be one. */
export class SecretError extends Error {}

/** A secret brought by an admin (a HubSpot app's client secret) must be long enough to be one. */
const GIVEN_SECRET = /^[\x21-\x7e]{16,200}$/;

/** The secret to share: the one given (checked), or a new random one. */
export function sharedSecret(given?: string): string {
  if (given === undefined) return `lts_${randomBytes(32).toString("base64url")}`;
  if (!GIVEN_SECRET.test(given))
    throw new SecretError("a secret must be 16 to 200 visible characters, with no spaces");
  return given;
}
