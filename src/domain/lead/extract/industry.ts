import { INDUSTRY_DICTIONARY, ORG_NOUNS } from "../dictionaries.js";
import { Words } from "../phrases.js";
import { type Ctx, fact, firstKv, freeLines, masked } from "./context.js";

const INDUSTRY_CONTEXT =
  /^\s*(?:company|firm|agency|business|startup|start up|industry|sector|space|provider|organization|organisation|shop|store|brand|group|empresa|firma|unternehmen|entreprise|societe|sociedad|branche|sektor)\b/iu;

/** Industry: an Industry field, else an industry word in the company name, else one in free text that an
 * organisation noun or context word confirms, else education/government from an .edu/.gov address
 * (inferred). Runs after company and email. */
export function extractIndustry(ctx: Ctx): void {
  const kv = firstKv(ctx, "industry");
  if (kv) {
    const hit = INDUSTRY_DICTIONARY.lookup(kv.value) ?? INDUSTRY_DICTIONARY.first(new Words(kv.value))?.value;
    const value = hit ?? kv.value.trim().toLowerCase().replace(/\s+/g, "_");
    ctx.facts.industry = fact(value, kv.start, kv.end);
    return;
  }
  const company = ctx.facts.company;
  if (company) {
    const hit = INDUSTRY_DICTIONARY.first(ctx.words, company.span.start, company.span.end);
    if (hit) {
      ctx.facts.industry = fact(hit.value, hit.start, hit.end);
      return;
    }
  }
  for (const line of freeLines(ctx)) {
    for (const hit of INDUSTRY_DICTIONARY.findAll(ctx.words, line.start, line.end)) {
      if (masked(ctx, hit.start, hit.end)) continue;
      if (ORG_NOUNS.has(hit.phrase) || INDUSTRY_CONTEXT.test(ctx.words.folded.slice(hit.end, hit.end + 20))) {
        ctx.facts.industry = fact(hit.value, hit.start, hit.end);
        return;
      }
    }
  }
  const kind = ctx.facts.domainKind;
  if (kind?.value === "edu") ctx.facts.industry = fact("education", kind.span.start, kind.span.end, true);
  if (kind?.value === "gov") ctx.facts.industry = fact("government", kind.span.start, kind.span.end, true);
}
