import { parse } from "csv-parse/sync";

/** One record of a CSV file, or the reason a physical line could not be read as one. `line` is the 1-based
 * line of the file where the record starts. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** A quoted value longer than this many lines is taken for a quote that was never closed. */
export const MAX_RECORD_LINES = 100;

/** Whether a quoted value is still open at the end of this line, given whether one was open at its start.
 * RFC 4180: a quote opens a value only at the start of a field; inside one, "" is a literal quote. */
export function quoteOpenAfter(line: string, open: boolean): boolean {
  let inQuote = open;
  let fieldStart = !open;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inQuote) {
      if (c === 34 /* " */) {
        if (line.charCodeAt(i + 1) === 34) i++;
        else inQuote = false;
      }
    } else if (c === 34 && fieldStart) {
      inQuote = true;
      fieldStart = false;
    } else {
      fieldStart = c === 44; /* , */
    }
  }
  return inQuote;
}

/** How csv-parse reads one record: lines are split already, so the delimiter is known (discovering it per
 * record costs more than parsing), and quotes or widths out of place are read, not refused. */
export const RECORD_OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  record_delimiter: "\n",
} as const;

/** A record whose quoting is regular (a quoted field opens at a field's start, "" inside it is a quote, and its
 * closing quote ends the field) split in one pass; undefined for anything else, which csv-parse then reads or
 * explains. csv-parse takes about 25 µs just to set up per call: most quoted CRM rows never need it. */
function splitRegular(text: string): string[] | undefined {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return undefined;
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) !== 34) {
          i = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text.charCodeAt(i) !== 44 /* , */) return undefined;
      i++;
    } else {
      const comma = text.indexOf(",", i);
      const value = text.slice(i, comma < 0 ? n : comma);
      if (value.includes('"')) return undefined;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/** One record's fields, or why it cannot be read. Exported for the property test against csv-parse. */
export function parseRecord(text: string): string[] | string {
  // Most exported rows have no quotes at all: a comma then always separates fields.
  if (!text.includes('"')) return text.split(",");
  const regular = splitRegular(text);
  if (regular !== undefined) return regular;
  try {
    const rows = parse(text, RECORD_OPTIONS) as string[][];
    if (rows.length !== 1) return "not one record";
    return rows[0] as string[];
  } catch (e) {
    return (e as Error).message.replace(/^Invalid /, "invalid ").split(":")[0] ?? "unreadable";
  }
}

/** Splits CSV lines into records without letting one bad line take the rest of the file with it: a quote
 * that is never closed (or would swallow more than MAX_RECORD_LINES lines, or yields a record of the wrong
 * width) makes its opening line a malformed record, and reading resumes at the next line. Each malformed
 * line is reported exactly once. The first record is the header; every record must have its width. */
export async function* csvRecords(lines: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const source = lines[Symbol.asyncIterator]();
  const replay: { no: number; text: string }[] = [];
  let lineNo = 0;
  const next = async (): Promise<{ no: number; text: string } | undefined> => {
    const again = replay.shift();
    if (again) return again;
    const r = await source.next();
    if (r.done) return undefined;
    lineNo++;
    return { no: lineNo, text: lineNo === 1 ? r.value.replace(/^\uFEFF/, "") : r.value };
  };
  let width: number | undefined;
  for (;;) {
    const first = await next();
    if (first === undefined) return;
    if (first.text.trim() === "") continue;
    const taken = [first];
    let open = quoteOpenAfter(first.text, false);
    while (open && taken.length <= MAX_RECORD_LINES) {
      const more = await next();
      if (more === undefined) break;
      taken.push(more);
      open = quoteOpenAfter(more.text, true);
    }
    const fields = open ? "unclosed quote" : parseRecord(taken.map((t) => t.text).join("\n"));
    const badWidth = typeof fields !== "string" && width !== undefined && fields.length !== width;
    if (typeof fields !== "string" && !badWidth) {
      width ??= fields.length;
      yield { line: first.no, fields };
      continue;
    }
    if (taken.length > 1) {
      // A record spanning lines that does not read cleanly: its first line opened a quote that was never
      // meant to span lines. Report that line and read the following ones again on their own.
      replay.unshift(...taken.slice(1));
      yield { line: first.no, error: "unclosed quote" };
      continue;
    }
    yield {
      line: first.no,
      error: typeof fields === "string" ? fields : `${fields.length} values where the header has ${width}`,
    };
  }
}
