import { fold, foldPhrase } from "../text.js";

/** The words of a text, folded, with their offsets in the original. Built once per parse and shared by
 * every dictionary lookup. */
export class Words {
  readonly folded: string;
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    this.folded = fold(text);
    const re = /[^ ]+/g;
    for (let m = re.exec(this.folded); m !== null; m = re.exec(this.folded)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  get length(): number {
    return this.starts.length;
  }

  word(i: number): string {
    return this.folded.slice(this.starts[i], this.ends[i]);
  }

  /** Index of the first word that starts at or after `offset`. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
  /** The folded phrase that matched. */
  phrase: string;
}

/** A dictionary of multi-word phrases, matched on word boundaries, longest phrase first, accents and case
 * ignored. Used for titles, industries, countries and cities in every supported language. */
export class PhraseDictionary<T> {
  private readonly entries = new Map<string, T>();
  /** First word -> the most words any phrase starting with it has: most words start no phrase at all. */
  private readonly firstWords = new Map<string, number>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [phrase, value] of entries) {
      const key = foldPhrase(phrase);
      if (key.length === 0 || this.entries.has(key)) continue;
      this.entries.set(key, value);
      const words = key.split(" ");
      const first = words[0] as string;
      this.firstWords.set(first, Math.max(this.firstWords.get(first) ?? 0, words.length));
    }
  }

  lookup(phrase: string): T | undefined {
    return this.entries.get(foldPhrase(phrase));
  }

  /** All non-overlapping hits within [from, to) of the text, in text order. */
  findAll(words: Words, from = 0, to = words.text.length): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let i = words.indexAt(from);
    while (i < words.length && (words.ends[i] as number) <= to) {
      let matched = 0;
      const longest = this.firstWords.get(words.word(i)) ?? 0;
      for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
        const end = words.ends[i + n - 1] as number;
        if (end > to) continue;
        let phrase = words.word(i);
        for (let k = 1; k < n; k++) phrase += ` ${words.word(i + k)}`;
        const value = this.entries.get(phrase);
        if (value !== undefined) {
          hits.push({ value, start: words.starts[i] as number, end, phrase });
          matched = n;
          break;
        }
      }
      i += matched > 0 ? matched : 1;
    }
    return hits;
  }

  first(words: Words, from = 0, to = words.text.length): PhraseHit<T> | undefined {
    return this.findAll(words, from, to)[0];
  }
}
