import { findHeadcount, readHeadcountValue } from "../headcount.js";
import { type Ctx, fact, firstKv, trimmedSpan } from "./context.js";

/** Head count: an Employees field, else a head-count phrase in the text with phones and emails blanked. */
export function extractEmployees(ctx: Ctx): void {
  const kv = firstKv(ctx, "employees");
  if (kv) {
    const value = readHeadcountValue(kv.value);
    if (value) {
      ctx.facts.employees = fact(value, kv.start, kv.end);
      return;
    }
  }
  const hit = findHeadcount(ctx.unmasked);
  if (hit) {
    const span = trimmedSpan(ctx.text, hit.start, hit.end);
    ctx.facts.employees = fact(hit.value, span.start, span.end);
  }
}
