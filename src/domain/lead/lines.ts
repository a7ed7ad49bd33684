import { KEY_DICTIONARY, type KeyField } from "./dictionaries.js";

export interface Line {
  start: number;
  end: number;
  text: string;
}

/** A `Key: value` line whose key names a lead fact, in any supported language. */
export interface KeyValue {
  field: KeyField;
  value: string;
  /** Span of the value in the text. */
  start: number;
  end: number;
  line: Line;
}

/** The marks that quote a replied-to mail ("> ", "> > "). */
const QUOTE_MARKS = /^(?:[ \t]*>)+[ \t]?/;

/** The text's lines, each without the marks that quote a replied-to mail: a quoted signature reads like any
 * other. A line that is only quote marks is a blank line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      if (m.index >= text.length) break;
      re.lastIndex++;
      continue;
    }
    const quote = QUOTE_MARKS.exec(m[0])?.[0].length ?? 0;
    if (quote === m[0].length) continue;
    lines.push({ start: m.index + quote, end: m.index + m[0].length, text: m[0].slice(quote) });
  }
  return lines;
}

/** A blank line (or a quoted blank line, "> ") between two offsets: what separates paragraphs and blocks. */
export function blankLineBetween(text: string, from: number, to: number): boolean {
  return /\n[ \t>]*\r?\n/.test(text.slice(from, to));
}

// Optional bullet or quote marker, a short key, a colon (also full-width or tab), the value.
const KEY_VALUE = /^[\s>*•·-]*([^:：\t]{1,40}?)\s*(?:[:：]|\t)\s*(.*?)\s*$/u;

/** CRM exports name fields by API name: "NumberOfEmployees", "AnnualRevenue", "Lead_Source__c". Read as
 * words ("Number Of Employees") so the same keys as typed labels apply. */
export function crmKey(key: string): string {
  return key
    .replace(/__c$/i, "")
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/_/g, " ");
}

export function readKeyValue(line: Line): KeyValue | undefined {
  const m = KEY_VALUE.exec(line.text);
  if (m === null) return undefined;
  const key = crmKey((m[1] as string).replace(/^\*+|\*+$/g, "").trim());
  const value = m[2] as string;
  const field = KEY_DICTIONARY.lookup(key);
  if (field === undefined || value.length === 0 || /^\/\//.test(value)) return undefined;
  // The value ends the line (after trimming), so its last occurrence is the value itself.
  const start = line.start + line.text.lastIndexOf(value);
  return { field, value, start, end: start + value.length, line };
}
