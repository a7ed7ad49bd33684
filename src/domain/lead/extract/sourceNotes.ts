import type { KeyField } from "../dictionaries.js";
import type { KeyValue } from "../lines.js";
import { type Ctx, fact, firstKv } from "./context.js";

/** Lead source from a Source field; notes from a Notes field (with the lines that continue it), else a
 * mail's body after its headers. */
export function extractSourceAndNotes(ctx: Ctx): void {
  const source = firstKv(ctx, "source");
  if (source) ctx.facts.source = fact(source.value.trim(), source.start, source.end);
  const notes = ctx.kv.get("notes");
  if (notes && notes.length > 0) {
    const first = notes[0] as KeyValue;
    const last = notes[notes.length - 1] as KeyValue;
    // A notes field often runs over several lines: keep everything up to the next structured line.
    let end = last.end;
    const following = ctx.lines.filter((l) => l.start > last.end);
    for (const line of following) {
      if (ctx.structured.has(line)) break;
      end = line.end;
    }
    ctx.facts.notes = fact(ctx.text.slice(first.start, end).trim(), first.start, end);
    return;
  }
  // A mail: the body after the headers.
  const headerLines = ["from", "subject", "recipient", "date"].flatMap(
    (f) => ctx.kv.get(f as KeyField) ?? [],
  );
  if (headerLines.length >= 2) {
    const lastHeader = Math.max(...headerLines.map((h) => h.line.end));
    const body = ctx.text.slice(lastHeader);
    const start = lastHeader + (body.length - body.trimStart().length);
    const end = lastHeader + body.trimEnd().length;
    if (end > start) ctx.facts.notes = fact(ctx.text.slice(start, end), start, end);
  }
}
