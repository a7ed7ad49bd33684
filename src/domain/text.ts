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

const NON_ASCII = /[\u0080-\uffff]/;
const NOT_WORD_ASCII = /[^a-z0-9]/g;

const ALREADY_FOLDED = /^[a-z0-9 ]*$/;
/** Short values (industries, countries, seniorities, domains) repeat across leads: their folds are memoised
 * in a bounded table that is simply cleared when full. Longer text is mostly unique and is not memoised. */
const MEMO_MAX_LENGTH = 32;
const MEMO_MAX_ENTRIES = 20_000;
const memo = new Map<string, string>();

export function fold(text: string): string {
  if (text.length <= MEMO_MAX_LENGTH) {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const folded = foldUncached(text);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, folded);
    return folded;
  }
  return foldUncached(text);
}

function foldUncached(text: string): string {
  if (ALREADY_FOLDED.test(text)) return text;
  // Most lead text is ASCII: two native passes instead of a loop over characters.
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(NOT_WORD_ASCII, " ");
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

function boundaryAt(folded: string, at: number): boolean {
  return at <= 0 || at >= folded.length || folded.charCodeAt(at) === 32;
}

/** Find a phrase (given as its folded words) as whole words in folded text, allowing any run of spaces or
 * punctuation between the words. Returns [start, end) or undefined. */
export function findPhrase(folded: string, words: readonly string[]): [number, number] | undefined {
  const first = words[0];
  if (first === undefined || first.length === 0) return undefined;
  let at = folded.indexOf(first);
  while (at !== -1) {
    if (boundaryAt(folded, at - 1) && boundaryAt(folded, at + first.length)) {
      let pos = at + first.length;
      let ok = true;
      for (let k = 1; k < words.length && ok; k++) {
        const word = words[k] as string;
        const gapStart = pos;
        while (pos < folded.length && folded.charCodeAt(pos) === 32) pos++;
        ok = pos > gapStart && folded.startsWith(word, pos) && boundaryAt(folded, pos + word.length);
        pos += word.length;
      }
      if (ok) return [at, pos];
    }
    at = folded.indexOf(first, at + 1);
  }
  return undefined;
}
