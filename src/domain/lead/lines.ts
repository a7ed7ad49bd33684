import { KEY_DICTIONARY, type KeyField } from "./dictionaries.js";
import { Words } from "./phrases.js";

export interface Line {
  start: number;
  end: number;
  text: string;
}

/** A `Key: value` line whose key names a lead fact, in any supported language. */
export interface KeyValue {
  field: KeyField;
  /** The label as written ("Job Title", "Titre"): some labels mean a title in one CRM and a deal in another. */
  key: string;
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
/** What ends a key: a colon (also full-width), a tab, or a spaced en or em dash ("Role – CFO"). */
const KEY_END = /[:：\t]| [–—] /;
/** On a bulleted line, a spaced hyphen ends a key too ("- Role - CFO"). */
const BULLET_KEY_END = /[:：\t]| [–—-] /;
const BULLET = /^\s*[*•·-]\s/u;
const MAX_KEY_CHARS = 40;

/** Splits "Key: value" (a short key, a colon, full-width colon, tab or spaced dash, the value) by index instead of
 * one pattern: a pattern with a lazy key beside optional spaces backtracked cubically on a line of spaces. */
function splitKeyValue(text: string): { key: string; value: string; valueAt: number } | undefined {
  const marks = (KEY_MARKS.exec(text) as RegExpExecArray)[0].length;
  const ends = BULLET.test(text) ? BULLET_KEY_END : KEY_END;
  const found = ends.exec(text.slice(marks, marks + MAX_KEY_CHARS + 3));
  if (found === null || found.index <= 0) return undefined;
  const key = text.slice(marks, marks + found.index).trimEnd();
  if (key.length === 0 || key.length > MAX_KEY_CHARS) return undefined;
  const rest = text.slice(marks + found.index + found[0].length);
  const value = rest.trim();
  return {
    key,
    value,
    valueAt: marks + found.index + found[0].length + (rest.length - rest.trimStart().length),
  };
}

/** CRM exports name fields by API name: "NumberOfEmployees", "AnnualRevenue", "Lead_Source__c". Read as
 * words ("Number Of Employees") so the same keys as typed labels apply. */
export function crmKey(key: string): string {
  return key
    .replace(/__c$/i, "")
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/_/g, " ");
}

/** "Person - Job title", "Organization - Name": exports that name each column after its record (Pipedrive). */
const ENTITY_KEY = /^(person|contact|lead|organi[sz]ation|company|account)\s+[-–]\s+(.+)$/i;

/** The field a key names, if it is a known label. A record's prefix is read as the record says: an
 * organisation's name is the company, a person's name the lead's. */
function fieldOf(key: string): KeyField | undefined {
  const plain = crmKey(key.replace(/^\*+|\*+$/g, "").trim());
  const entity = ENTITY_KEY.exec(plain);
  if (!entity) return KEY_DICTIONARY.lookup(plain);
  const [, record = "", rest = ""] = entity;
  // "Organization - Name" reads as "organization name" (the company), never as the lead's name.
  if (/^(organi[sz]ation|company|account)$/i.test(record))
    return KEY_DICTIONARY.lookup(`organization ${rest}`) ?? KEY_DICTIONARY.lookup(rest);
  return KEY_DICTIONARY.lookup(rest);
}

export function readKeyValue(line: Line): KeyValue | undefined {
  const split = splitKeyValue(line.text);
  if (split === undefined) return undefined;
  const value = split.value;
  const field = fieldOf(split.key);
  if (field === undefined || value.length === 0 || /^\/\//.test(value)) return undefined;
  // The value ends the line (after trimming), so its last occurrence is the value itself.
  const start = line.start + line.text.lastIndexOf(value);
  return { field, key: split.key, value, start, end: start + value.length, line };
}

/** `"key": "value"` or `"key": 42`, as a CRM cell or a form tool's payload holds them (JSON, one line or pretty). */
const JSON_PAIR = /"([^"\\]{1,40})"\s*:\s*(?:"((?:[^"\\]|\\.){0,300})"|(-?\d{1,12}(?:\.\d{1,4})?))/g;

/** The known labels of a line of JSON, each value without its quotes (structured: the line is data). */
function jsonPairs(line: Line): { pairs: KeyValue[]; structured: boolean } | undefined {
  if (!line.text.includes('":')) return undefined;
  const pairs: KeyValue[] = [];
  for (const m of line.text.matchAll(JSON_PAIR)) {
    const field = fieldOf(m[1] as string);
    const value = (m[2] ?? m[3] ?? "").trim();
    if (field === undefined || value.length === 0 || /\\/.test(value)) continue;
    const start = line.start + (m.index as number) + m[0].lastIndexOf(value);
    pairs.push({ field, key: m[1] as string, value, start, end: start + value.length, line });
  }
  return pairs.length > 0 ? { pairs, structured: true } : undefined;
}

/** A Markdown table row of two cells, "| Role | CMO |", whose first cell is a known label. */
const TABLE_ROW = /^\s*\|([^|]{1,40})\|([^|]*)\|\s*$/;

/** A segment of a line between separators, with its offset in the line. */
interface Segment {
  at: number;
  text: string;
}

function segments(text: string, separators: RegExp): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(separators)) {
    out.push({ at, text: text.slice(at, m.index) });
    at = (m.index as number) + m[0].length;
  }
  out.push({ at, text: text.slice(at) });
  return out;
}

/** A labelled segment's pair: the key must be a known label, and the value non-empty. */
function pairIn(line: Line, segment: Segment, upTo: number): KeyValue | undefined {
  const split = splitKeyValue(segment.text);
  if (split === undefined) return undefined;
  const field = fieldOf(split.key);
  if (field === undefined) return undefined;
  const value = line.text.slice(segment.at + split.valueAt, upTo).replace(/[\s;|,]+$/, "");
  if (value.length === 0) return undefined;
  const start = line.start + segment.at + split.valueAt;
  return { field, key: split.key, value, start, end: start + value.length, line };
}

/** The pairs one line holds, and whether the line is nothing but pairs (structured), for lines that hold several:
 * "name: A. Costa; role: CFO; headcount: 10-50" (split at `;`, `|` or `,`, each key a known label, so prose with a
 * colon is never split), a Markdown table row "| Role | CMO |", or one labelled pair inside a comma list
 * ("Priya Raman, VP Sales, Northwind, Sector: Retail"). Undefined when the line holds no more than `readKeyValue`
 * reads. */
export function readKeyValues(line: Line): { pairs: KeyValue[]; structured: boolean } | undefined {
  const json = jsonPairs(line);
  if (json) return json;
  const row = TABLE_ROW.exec(line.text);
  if (row) {
    const field = fieldOf(row[1] as string);
    const value = (row[2] as string).trim();
    if (field === undefined || value.length === 0) return undefined;
    const start = line.start + line.text.indexOf(value, line.text.indexOf("|", line.text.indexOf("|") + 1));
    return {
      pairs: [{ field, key: row[1] as string, value, start, end: start + value.length, line }],
      structured: true,
    };
  }
  if (!/[;|,]/.test(line.text)) return undefined;
  const strong = segments(line.text, /[;|]/g);
  const parts = strong.length > 1 ? strong : segments(line.text, /,/g);
  const labelled = parts.map((part) => {
    const split = splitKeyValue(part.text);
    return split !== undefined && fieldOf(split.key) !== undefined && split.value.length > 0;
  });
  const count = labelled.filter(Boolean).length;
  if (labelled[0] && count >= 2) {
    // Each value runs to the next labelled segment: "Sector: Retail, Wholesale; Size: 50".
    const pairs: KeyValue[] = [];
    parts.forEach((part, i) => {
      if (!labelled[i]) return;
      const next = labelled.findIndex((isPair, j) => j > i && isPair);
      const upTo = next === -1 ? line.text.length : (parts[next] as Segment).at;
      const pair = pairIn(line, part, upTo);
      if (pair) pairs.push(pair);
    });
    return pairs.length >= 2 ? { pairs, structured: true } : undefined;
  }
  if (!labelled[0] && count >= 1) {
    // A labelled pair inside a list of plain values: the pair is its segment alone; the rest is read as prose.
    const pairs: KeyValue[] = [];
    parts.forEach((part, i) => {
      if (!labelled[i]) return;
      const next = parts[i + 1];
      const pair = pairIn(line, part, next ? next.at - 1 : line.text.length);
      if (pair) pairs.push(pair);
    });
    return pairs.length > 0 ? { pairs, structured: false } : undefined;
  }
  return undefined;
}

/** The cells of a delimited line (`,`, `;` or a tab), each with its offset; a quoted cell may hold the separator. */
function cells(text: string, separator: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if ((ch === separator && !quoted) || i === text.length) {
      out.push({ at, text: text.slice(at, i) });
      at = i + 1;
    }
  }
  return out;
}

/** A cell's value without its quotes and spaces, and where it starts in its line. */
function cellValue(cell: Segment): { value: string; at: number } {
  const lead = cell.text.length - cell.text.trimStart().length;
  let value = cell.text.trim();
  let at = cell.at + lead;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    value = value.slice(1, -1).trim();
    at = cell.at + cell.text.indexOf(value, lead);
  }
  return { value, at };
}

/** Fields a form's question may ask for, each answered on the line under it. */
const ANSWERED_FIELDS = new Set<KeyField>([
  "name",
  "email",
  "company",
  "title",
  "country",
  "employees",
  "industry",
  "website",
]);

/** An answer is a short value, not a sentence: no ending punctuation, no first or second person. */
const SENTENCE_ANSWER = /[.!?]$|^(?:i|i'm|we|we're|our|my|you|your|it|this|that)\b/iu;

/** A form's question on a line of its own and its answer on the next, as booking and form tools mail them:
 * a known label alone ("Company name" / "Grauwerk Maschinenbau GmbH") or a short question naming one ("What's
 * your job title?" / "Practice Manager"). Only a field a form asks for, and only a short answer. */
export function questionAndAnswer(question: Line, answer: Line | undefined): KeyValue | undefined {
  if (answer === undefined) return undefined;
  const asked = question.text.trim();
  const key = asked.replace(/[\s*:?]+$/u, "");
  if (key.length === 0 || key.length > 60 || key.includes(":")) return undefined;
  const value = answer.text.trim();
  if (value.length === 0 || value.length > 60 || value.split(/\s+/).length > 8) return undefined;
  if (SENTENCE_ANSWER.test(value) || value.includes(":") || fieldOf(value) !== undefined) return undefined;
  // "Your name", "Your company": a form addresses whoever fills it in.
  const label = key.replace(/^(?:your|ihr|ihre|votre|vos|tu|su|seu|sua)\s+/iu, "");
  const field = fieldOf(label) ?? (asked.endsWith("?") ? fieldAskedFor(key) : undefined);
  if (field === undefined || !ANSWERED_FIELDS.has(field)) return undefined;
  const start = answer.start + answer.text.indexOf(value);
  return { field, key, value, start, end: start + value.length, line: answer };
}

/** The one field a question names ("What company do you work for" -> company); undefined for none or several. */
function fieldAskedFor(question: string): KeyField | undefined {
  const named = new Set(KEY_DICTIONARY.findAll(new Words(question)).map((hit) => hit.value));
  return named.size === 1 ? [...named][0] : undefined;
}

/** A CRM row pasted with its header line ("Company Name,Industry,No. of Employees,Country" and, under it,
 * "Bluepeak Foods,Food & Beverage,340,Canada"): each known header names the cell under it. The header needs three
 * cells or more, two of them known labels and none a `key: value`; the row needs as many cells. The first row
 * is the lead (a paste of several rows is a file: `check --file`). Both lines are data. */
export function headerRow(
  header: Line,
  row: Line | undefined,
): { pairs: KeyValue[]; lines: [Line, Line] } | undefined {
  if (row === undefined || header.text.includes(":")) return undefined;
  for (const separator of [",", ";", "\t"]) {
    const names = cells(header.text, separator);
    if (names.length < 3) continue;
    const fields = names.map((n) => fieldOf(cellValue(n).value));
    if (fields.filter((f) => f !== undefined).length < 2) continue;
    const values = cells(row.text, separator);
    if (values.length !== names.length) continue;
    const pairs: KeyValue[] = [];
    fields.forEach((field, i) => {
      if (field === undefined) return;
      const { value, at } = cellValue(values[i] as Segment);
      if (value.length === 0) return;
      const start = row.start + at;
      const key = cellValue(names[i] as Segment).value;
      pairs.push({ field, key, value, start, end: start + value.length, line: row });
    });
    if (pairs.length > 0) return { pairs, lines: [header, row] };
  }
  return undefined;
}
