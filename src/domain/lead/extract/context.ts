import type { KeyField } from "../dictionaries.js";
import type { Fact, LeadFacts, Span } from "../facts.js";
import type { KeyValue, Line } from "../lines.js";
import type { Words } from "../phrases.js";

/** What every extractor reads and writes: the text, its words and lines, the `Key: value` fields found,
 * the spans that are not prose (phones, emails), and the facts found so far. Extractors run in the order
 * parseLead gives, and later ones read facts that earlier ones wrote. */
export interface Ctx {
  text: string;
  words: Words;
  lines: Line[];
  kv: Map<KeyField, KeyValue[]>;
  /** Lines that are `Key: value` or mail headers: free-text extraction skips them. */
  structured: Set<Line>;
  /** Spans of phone numbers and emails, so their digits are not read as counts or money. */
  masked: Span[];
  /** The text with masked spans blanked, refreshed before the number extractors run. */
  unmasked: string;
  facts: LeadFacts;
  /** Where the innermost message of a forwarded mail starts (after its last forward marker), 0 otherwise:
   * the lead is that message's sender, so its signature and lines are read first. */
  innermost: number;
}

export function fact<T>(value: T, start: number, end: number, inferred = false): Fact<T> {
  return inferred ? { value, span: { start, end }, inferred: true } : { value, span: { start, end } };
}

export function firstKv(ctx: Ctx, field: KeyField): KeyValue | undefined {
  return ctx.kv.get(field)?.[0];
}

export function masked(ctx: Ctx, start: number, end: number): boolean {
  return ctx.masked.some((s) => start < s.end && end > s.start);
}

/** The text with masked spans blanked out (same length, so offsets hold). */
export function unmaskedText(ctx: Ctx): string {
  let out = ctx.text;
  for (const s of ctx.masked) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Lines that are not `Key: value` fields or mail headers: where free text is searched. */
export function freeLines(ctx: Ctx): Line[] {
  return ctx.lines.filter((line) => !ctx.structured.has(line));
}

const CLAUSE_SEPARATORS = /[,|•·;()[\]{}]|\s[-–—]\s|[.!?](?:\s|$)/g;
const FRAGMENT_SEPARATORS = /[,|•·;()[\]{}]|\s[-–—]\s/g;

/** The stretch of a line around `at` between separators: commas, pipes, bullets, brackets, " - ", and sentence
 * ends unless `sentences` is false (hard-wrapped prose keeps its length across a full stop). */
export function clauseAround(
  line: Line,
  at: number,
  { sentences = true }: { sentences?: boolean } = {},
): { start: number; end: number } {
  const text = line.text;
  const rel = at - line.start;
  const separators = new RegExp(sentences ? CLAUSE_SEPARATORS : FRAGMENT_SEPARATORS);
  let start = 0;
  let end = text.length;
  for (let m = separators.exec(text); m !== null; m = separators.exec(text)) {
    if (m.index + m[0].length <= rel) start = m.index + m[0].length;
    else if (m.index >= rel) {
      end = m.index;
      break;
    }
  }
  return { start: line.start + start, end: line.start + end };
}

/** The span without surrounding spaces, quotes and punctuation. */
export function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s"'*_:>-]/.test(text.charAt(start))) start++;
  while (end > start && /[\s"'*_:.,-]/.test(text.charAt(end - 1))) end--;
  return { start, end };
}
