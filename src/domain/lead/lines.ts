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

/** Optional bullet or quote marks before a key. */
const KEY_MARKS = /^[\s>*•·-]*/u;
/** What ends a key: a colon (also full-width) or a tab. */
const KEY_END = /[:：\t]/;
const MAX_KEY_CHARS = 40;

/** Splits "Key: value" (a short key, a colon, full-width colon or tab, the value) by index instead of one
 * pattern: a pattern with a lazy key beside optional spaces backtracked cubically on a line of spaces. */
function splitKeyValue(text: string): { key: string; value: string } | undefined {
  const marks = (KEY_MARKS.exec(text) as RegExpExecArray)[0].length;
  const sep = text.slice(marks, marks + MAX_KEY_CHARS + 1).search(KEY_END);
  if (sep <= 0) return undefined;
  const key = text.slice(marks, marks + sep).trimEnd();
  if (key.length === 0 || key.length > MAX_KEY_CHARS) return undefined;
  return { key, value: text.slice(marks + sep + 1).trim() };
}

/** CRM exports name fields by API name: "NumberOfEmployees", "AnnualRevenue", "Lead_Source__c". Read as
 * words ("Number Of Employees") so the same keys as typed labels apply. */
export function crmKey(key: string): string {
  return key
    .replace(/__c$/i, "")
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/_/g, " ");
}

export function readKeyValue(line: Line): KeyValue | undefined {
  const split = splitKeyValue(line.text);
  if (split === undefined) return undefined;
  const key = crmKey(split.key.replace(/^\*+|\*+$/g, "").trim());
  const value = split.value;
  const field = KEY_DICTIONARY.lookup(key);
  if (field === undefined || value.length === 0 || /^\/\//.test(value)) return undefined;
  // The value ends the line (after trimming), so its last occurrence is the value itself.
  const start = line.start + line.text.lastIndexOf(value);
  return { field, value, start, end: start + value.length, line };
}
