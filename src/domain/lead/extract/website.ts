import { classifyDomain, isRealDomain } from "../domain.js";
import type { Fact } from "../facts.js";
import { type Ctx, fact, firstKv, masked } from "./context.js";

const URL = /\b(?:https?:\/\/|www\.)[^\s<>|"'()]+/giu;
const BARE_DOMAIN =
  /(?<![@\p{L}\p{N}.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\p{L}\p{N}@-]|\.[a-z])/giu;
const FILE_EXTENSIONS = /\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|png|jpe?g|gif|zip|mov|mp4|md|json|ya?ml)$/i;

function hostOf(raw: string): string {
  return raw
    .replace(/^https?:\/\//i, "")
    .replace(/^www\./i, "")
    .replace(/[/?#:].*$/, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

/** The lead's website: a Website field, else the first URL or bare domain that is not a file name. A
 * corporate website also tells the domain kind when no email did. */
export function extractWebsite(ctx: Ctx): void {
  const kv = firstKv(ctx, "website");
  let site: Fact<string> | undefined;
  if (kv) {
    const host = hostOf(kv.value.trim());
    if (isRealDomain(host)) site = fact(host, kv.start, kv.end);
  }
  if (site === undefined) {
    const candidates: { host: string; start: number; end: number }[] = [];
    for (const re of [URL, BARE_DOMAIN]) {
      re.lastIndex = 0;
      for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
        const raw = m[0].replace(/[.,;:!?]+$/, "");
        if (masked(ctx, m.index, m.index + raw.length) || FILE_EXTENSIONS.test(raw)) continue;
        const host = hostOf(raw);
        if (isRealDomain(host)) candidates.push({ host, start: m.index, end: m.index + raw.length });
      }
    }
    candidates.sort((a, b) => a.start - b.start);
    const first = candidates[0];
    if (first) site = fact(first.host, first.start, first.end);
  }
  if (site === undefined) return;
  ctx.facts.website = site;
  if (ctx.facts.domainKind === undefined) {
    const info = classifyDomain(site.value);
    if (info && info.kind !== "free" && info.kind !== "disposable") {
      ctx.facts.domainKind = fact(info.kind, site.span.start, site.span.end);
    }
  }
}
