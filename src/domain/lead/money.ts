import type { Money, Period } from "./facts.js";
import { applyMultiplier, MULTIPLIER, NUMBER, readNumber } from "./numbers.js";

const SYMBOLS: Record<string, string> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  US$: "USD",
};
const CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|INR|JPY|SEK|NOK|DKK|PLN|MXN|BRL|ARS|COP|CLP|SGD|HKD|ZAR|AED";
const WORDS: Record<string, string> = {
  dollar: "USD",
  dollars: "USD",
  dolares: "USD",
  dólares: "USD",
  euro: "EUR",
  euros: "EUR",
  pound: "GBP",
  pounds: "GBP",
  livres: "GBP",
};
const CURRENCY = String.raw`US\$|[$€£¥₹]|\b(?:${CODES})\b`;
const CURRENCY_AFTER = String.raw`[$€£¥₹]|\b(?:${CODES}|dollars?|d[oó]lares|euros?|pounds?|livres)\b`;

/** An amount of money: a currency before or after, and/or a multiplier ("5k", "€2m", "3.000 EUR"). */
const MONEY = new RegExp(
  String.raw`(?<pre>${CURRENCY})?\s?(?<num>${NUMBER})\s?(?<mult>${MULTIPLIER})?\s?(?<post>${CURRENCY_AFTER})?`,
  "giu",
);

const PERIOD_AFTER =
  /^\s*(?:(?<month>\/\s?(?:mo|month|mes|monat|mois)\b|(?:per|a|an|each|every|al|por|pro|par)\s+(?:month|mes|monat|mois)\b|monthly\b|mensual(?:es)?\b|monatlich\b|mensuel(?:le)?\b|p\.?\s?m\.?(?![\p{L}]))|(?<year>\/\s?(?:yr|year|y|a|ano|año|jahr|an)\b|(?:per|a|an|each|every|al|por|pro|par)\s+(?:year|annum|a[ñn]o|jahr|an)\b|annual(?:ly)?\b|yearly\b|anual(?:es)?\b|j[äa]hrlich\b|annuel(?:le)?\b|p\.?\s?a\.?(?![\p{L}]))|(?<quarter>\/\s?(?:q|quarter)\b|(?:per|a)\s+quarter\b|quarterly\b|trimestral\b|quartalsweise\b|trimestriel(?:le)?\b))/iu;

export interface MoneyHit {
  money: Money;
  start: number;
  end: number;
}

/** All amounts of money in a stretch of text. Plain numbers without a currency or multiplier are skipped
 * unless `bare` is set (for a value known to be money, like a "Budget:" field). */
export function findMoney(text: string, bare = false): MoneyHit[] {
  const hits: MoneyHit[] = [];
  if (!/\d/.test(text)) return hits; // the pattern is tried at every character; an amount needs a digit
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m !== null; m = MONEY.exec(text)) {
    if (m[0].length === 0) {
      MONEY.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    const currencyText = g.pre ?? g.post;
    if (currencyText === undefined && g.mult === undefined && !bare) continue;
    const amount = applyMultiplier(readNumber(g.num as string), g.mult);
    if (!Number.isFinite(amount)) continue;
    const currency = currencyText === undefined ? undefined : toCurrency(currencyText);
    const leading = m[0].length - m[0].trimStart().length;
    const money: Money = currency === undefined ? { amount } : { amount, currency };
    hits.push({ money, start: m.index + leading, end: m.index + m[0].trimEnd().length });
  }
  return hits;
}

function toCurrency(text: string): string | undefined {
  const symbol = SYMBOLS[text];
  if (symbol !== undefined) return symbol;
  const upper = text.toUpperCase();
  if (new RegExp(`^(?:${CODES})$`).test(upper)) return upper;
  return WORDS[text.toLowerCase()];
}

/** The period written right after an amount ("$500/month", "5k per year"), and where it ends. */
export function periodAfter(text: string, from: number): { period: Period; end: number } | undefined {
  const m = PERIOD_AFTER.exec(text.slice(from, from + 30));
  if (m === null) return undefined;
  const g = m.groups ?? {};
  const period: Period = g.month ? "month" : g.quarter ? "quarter" : "year";
  return { period, end: from + m[0].length };
}
