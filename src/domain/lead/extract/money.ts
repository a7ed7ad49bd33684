import type { Budget, Fact } from "../facts.js";
import { findMoney, type MoneyHit, periodAfter } from "../money.js";
import { type Ctx, fact, firstKv } from "./context.js";

const REVENUE_WORDS =
  /\b(?:revenue|revenues|arr|mrr|turnover|annual sales|umsatz|jahresumsatz|facturaci[óo]n|ingresos|chiffre d'affaires)\b/giu;
const BUDGET_WORDS =
  /\b(?:budget|budgets|presupuesto|spend|afford|pay|gastar|pagar|ausgeben|zahlen|d[ée]penser|payer)\b/giu;

function nearestMoney(
  ctx: Ctx,
  money: MoneyHit[],
  words: RegExp,
  before: number,
  after: number,
): MoneyHit | undefined {
  if (money.length === 0) return undefined; // no amount: no need to look for the words
  const text = ctx.unmasked;
  words.lastIndex = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const wordStart = m.index;
    const wordEnd = m.index + m[0].length;
    const following = money.find((h) => h.start >= wordEnd && h.start - wordEnd <= after);
    if (following) return following;
    const preceding = money.filter((h) => h.end <= wordStart && wordStart - h.end <= before).pop();
    if (preceding) return preceding;
  }
  return undefined;
}

function toBudget(ctx: Ctx, hit: MoneyHit): Fact<Budget> {
  const period = periodAfter(ctx.text, hit.end);
  const value: Budget = { ...hit.money, period: period?.period ?? "one_off" };
  return fact(value, hit.start, period?.end ?? hit.end);
}

/** Budget and revenue: a field, else the amount nearest a budget word ("budget", "afford", "presupuesto")
 * or a revenue word ("ARR", "Umsatz"). An amount is never both. */
export function extractMoney(ctx: Ctx): void {
  const money = findMoney(ctx.unmasked);
  const budgetKv = firstKv(ctx, "budget");
  const budgetHit = budgetKv ? findMoney(budgetKv.value, true)[0] : undefined;
  if (budgetKv && budgetHit) {
    const offset = budgetKv.start;
    ctx.facts.budget = toBudget(ctx, {
      ...budgetHit,
      start: budgetHit.start + offset,
      end: budgetHit.end + offset,
    });
  } else {
    const hit = nearestMoney(ctx, money, BUDGET_WORDS, 30, 40);
    if (hit) ctx.facts.budget = toBudget(ctx, hit);
  }
  const revenueKv = firstKv(ctx, "revenue");
  const revenueHit = revenueKv ? findMoney(revenueKv.value, true)[0] : undefined;
  if (revenueKv && revenueHit) {
    ctx.facts.revenue = fact(
      revenueHit.money,
      revenueKv.start + revenueHit.start,
      revenueKv.start + revenueHit.end,
    );
  } else {
    const hit = nearestMoney(ctx, money, REVENUE_WORDS, 25, 30);
    if (hit && hit !== undefined && !(ctx.facts.budget && ctx.facts.budget.span.start === hit.start)) {
      ctx.facts.revenue = fact(hit.money, hit.start, hit.end);
    }
  }
}
