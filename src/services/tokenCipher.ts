import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { UserError } from "../domain/errors.js";

/** A sealed secret: format version, the id of the key that sealed it, then IV, tag and ciphertext. */
const SEALED = /^v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

export class TokenKeyError extends UserError {
  constructor(message: string) {
    super(message, "token_key");
  }
}

/** The id a key is known by in sealed values: the first 8 hex digits of its SHA-256 (never the key). */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Seals tokens at rest with AES-256-GCM. Each sealed value names its key, so keys can rotate: the current key
 * seals, older keys still open what they sealed until `rotate-key` has re-sealed it. */
export class TokenCipher {
  readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  constructor(current: Buffer, older: readonly Buffer[] = []) {
    this.currentKeyId = keyId(current);
    this.keys = new Map([current, ...older].map((k) => [keyId(k), k] as const));
  }

  seal(plain: string): string {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `v1:${this.currentKeyId}:${iv.toString("base64url")}:${tag.toString("base64url")}:${body.toString("base64url")}`;
  }

  open(sealed: string): string {
    const m = SEALED.exec(sealed);
    if (m === null) throw new TokenKeyError("a stored token is not in the sealed format");
    const [, id, iv, tag, body] = m as unknown as [string, string, string, string, string];
    const key = this.keys.get(id);
    if (key === undefined)
      throw new TokenKeyError(
        `a stored token was sealed with key ${id}, which is not configured: add it to TOKEN_ENCRYPTION_OLD_KEYS`,
      );
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new TokenKeyError(`a stored token sealed with key ${id} does not open: it was altered`);
    }
  }

  /** The id of the key a sealed value names. */
  sealedWith(sealed: string): string | undefined {
    return SEALED.exec(sealed)?.[1];
  }
}
