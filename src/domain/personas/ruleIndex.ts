import { type EvalContext, FIELD_INDEX } from "./context.js";
import type { Node } from "./node.js";
import type { RuleField } from "./schema.js";

interface IndexedField {
  field: RuleField;
  fi: number;
  whole: Map<string, number[]>;
  words: Map<string, number[]>;
  /** When the lead lacks this field, none of the rules keyed on it can match: instead of evaluating them,
   * their summed weight makes the field worth asking for (`ask` is the fact to ask for, -1 for text). */
  ask: number;
  missingWeight: number;
  /** (length, first letter) of every key in `words`: most words of a lead are no key, and this rejects them
   * before a substring is cut and hashed. */
  wordShapes: Uint8Array;
}

const shapeOf = (text: string, start: number, end: number) =>
  (Math.min(end - start, 31) << 5) | (text.charCodeAt(start) & 31);

function addToIndex(index: Map<string, number[]>, keys: readonly string[], rule: number): void {
  for (const key of keys) {
    const list = index.get(key);
    if (list === undefined) index.set(key, [rule]);
    else if (!list.includes(rule)) list.push(rule);
  }
}

/** Appends the rules not yet stamped with this generation to `out`; returns the new count. A function, not a
 * closure made per lead: the evaluator runs it for every lead. */
function addNew(
  rules: readonly number[],
  stamp: Uint32Array,
  gen: number,
  out: Int32Array,
  count: number,
): number {
  let n = count;
  for (let k = 0; k < rules.length; k++) {
    const i = rules[k] as number;
    if (stamp[i] !== gen) {
      stamp[i] = gen;
      out[n++] = i;
    }
  }
  return n;
}

/** Rules indexed by the words their conditions require (eq/in values, contains_any phrases), so a lead only
 * evaluates the rules its own words can trigger; the rest are false without being looked at. Rules that
 * cannot be indexed are candidates for every lead. */
export class RuleIndex {
  private readonly unindexed: Int32Array;
  private readonly fields: IndexedField[] = [];
  private readonly stamp: Uint32Array;
  private generation = 0;
  /** The candidates of the last `collect`, in its first `count` slots. */
  readonly found: Int32Array;

  constructor(rules: readonly { node: Node; weight: number }[], askIndex: (field: RuleField) => number) {
    const unindexed: number[] = [];
    rules.forEach((rule, i) => {
      const keys = rule.node.keys;
      if (keys === undefined) {
        unindexed.push(i);
        return;
      }
      let entry = this.fields.find((f) => f.field === keys.field);
      if (entry === undefined) {
        entry = {
          field: keys.field,
          fi: FIELD_INDEX[keys.field],
          whole: new Map(),
          words: new Map(),
          ask: keys.field === "text" ? -1 : askIndex(keys.field),
          missingWeight: 0,
          wordShapes: new Uint8Array(1024),
        };
        this.fields.push(entry);
      }
      addToIndex(entry.whole, keys.whole, i);
      addToIndex(entry.words, keys.words, i);
      for (const word of keys.words) entry.wordShapes[shapeOf(word, 0, word.length)] = 1;
      entry.missingWeight += rule.weight;
    });
    this.unindexed = Int32Array.from(unindexed);
    this.stamp = new Uint32Array(rules.length);
    this.found = new Int32Array(rules.length);
  }

  /** Puts the lead's candidate rules in `found` and returns how many. For an indexed field the lead lacks,
   * the weight of its rules is added to `gaps` (what to ask), and `touched` lists the gaps written. */
  collect(ctx: EvalContext, gaps: Float64Array, touched: number[]): number {
    const gen = ++this.generation;
    const stamp = this.stamp;
    const out = this.found;
    let count = 0;
    for (let k = 0; k < this.unindexed.length; k++) {
      const i = this.unindexed[k] as number;
      stamp[i] = gen;
      out[count++] = i;
    }
    for (const entry of this.fields) {
      const phrase = ctx.phrase(entry.fi, entry.field);
      if (phrase === undefined) {
        if (entry.ask >= 0) {
          if (gaps[entry.ask] === 0) touched.push(entry.ask);
          gaps[entry.ask] = (gaps[entry.ask] as number) + entry.missingWeight;
        }
        continue;
      }
      if (entry.whole.size > 0) {
        const hits = entry.whole.get(phrase);
        if (hits !== undefined) count = addNew(hits, stamp, gen, out, count);
      }
      if (entry.words.size === 0) continue;
      // Each word of the value, for contains_any phrases (indexed by their first word).
      let start = 0;
      const length = phrase.length;
      while (start < length) {
        let end = phrase.indexOf(" ", start);
        if (end === -1) end = length;
        if (entry.wordShapes[shapeOf(phrase, start, end)] === 1) {
          const hits = entry.words.get(phrase.slice(start, end));
          if (hits !== undefined) count = addNew(hits, stamp, gen, out, count);
        }
        start = end + 1;
      }
    }
    return count;
  }
}
