/** Text folding shared by the parser and the rule evaluator.
 *
 * `fold` is length-preserving: each character maps to exactly one character (lower case, accents removed,
 * anything that is not a letter or digit becomes a space). Offsets in folded text are therefore offsets in
 * the original, which is what lets a rule quote the exact words it matched. */

const foldCache = new Map<number, string>();

function foldChar(code: number, ch: string): string {
  // ASCII fast path: the common case for lead text.
  if (code < 128) {
    if (code >= 97 && code <= 122) return ch;
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    if (code >= 48 && code <= 57) return ch;
    return " ";
  }
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const lower = ch.toLowerCase();
  const base = lower.normalize("NFD").charAt(0);
  const folded = lower.length === 1 && /[\p{L}\p{N}]/u.test(base) ? base : " ";
  foldCache.set(code, folded);
  return folded;
}

export function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    out += foldChar(text.charCodeAt(i), text.charAt(i));
  }
  return out;
}

/** Fold a phrase for comparison: folded, trimmed and with runs of spaces collapsed. */
export function foldPhrase(text: string): string {
  return fold(text).trim().replace(/ +/g, " ");
}

/** Find a folded phrase as whole words in folded text. Returns the offset or -1. */
export function findWords(foldedText: string, phrase: string, from = 0): number {
  let at = foldedText.indexOf(phrase, from);
  while (at !== -1) {
    const before = at === 0 ? " " : foldedText.charAt(at - 1);
    const after = at + phrase.length >= foldedText.length ? " " : foldedText.charAt(at + phrase.length);
    if (before === " " && after === " ") return at;
    at = foldedText.indexOf(phrase, at + 1);
  }
  return -1;
}
