import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyId, TokenCipher } from "../../src/services/tokenCipher.js";

const key = () => randomBytes(32);

describe("tokens at rest", () => {
  it("seals any token so that only its key opens it, never twice the same", () => {
    const cipher = new TokenCipher(key());
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (token) => {
        const sealed = cipher.seal(token);
        expect(cipher.open(sealed)).toBe(token);
        expect(cipher.seal(token)).not.toBe(sealed);
        if (token.length >= 4) expect(sealed).not.toContain(token);
      }),
    );
    const sealed = cipher.seal("xoxb-1234-5678-abcdef");
    expect(sealed.startsWith(`v1:${cipher.currentKeyId}:`)).toBe(true);
    expect(() => new TokenCipher(key()).open(sealed)).toThrow(
      /sealed with key [0-9a-f]{8}, which is not configured/,
    );
  });

  it("refuses a sealed token that was altered", () => {
    const cipher = new TokenCipher(key());
    const sealed = cipher.seal("xoxb-1234-5678-abcdef");
    const last = sealed.at(-1) === "A" ? "B" : "A";
    expect(() => cipher.open(`${sealed.slice(0, -1)}${last}`)).toThrow("it was altered");
    expect(() => cipher.open("xoxb-in-clear")).toThrow("not in the sealed format");
  });

  it("rotates: a new key seals, the old one still opens what it sealed", () => {
    const [old, current] = [key(), key()];
    const before = new TokenCipher(old).seal("xoxb-old");
    const rotated = new TokenCipher(current, [old]);
    expect(rotated.open(before)).toBe("xoxb-old");
    expect(rotated.sealedWith(before)).toBe(keyId(old));
    expect(rotated.sealedWith(rotated.seal("xoxb-new"))).toBe(keyId(current));
  });
});
