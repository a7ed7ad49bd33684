/** The statistics refinement rests on, in plain functions: a confidence interval for a rate, an exact
 * binomial tail, and the Benjamini–Hochberg procedure for testing many traits at once. */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials: unlike the normal approximation it stays inside
 * [0, 1] and is honest for small n, so a handful of outcomes never looks like certainty. */
export function wilsonInterval(k: number, n: number, z = Z_95): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return {
    lower: Math.max(0, (centre - margin) / denominator),
    upper: Math.min(1, (centre + margin) / denominator),
  };
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(n: number): number {
  for (let i = LOG_FACTORIALS.length; i <= n; i++) {
    LOG_FACTORIALS[i] = (LOG_FACTORIALS[i - 1] as number) + Math.log(i);
  }
  return LOG_FACTORIALS[n] as number;
}

/** P(X ≥ k) for X ~ Binomial(n, p) ("upper"), or P(X ≤ k) ("lower"): the exact one-sided p-value of seeing
 * k bad outcomes in n if the trait made no difference to the base rate p. */
export function binomialTail(k: number, n: number, p: number, side: "upper" | "lower"): number {
  if (p <= 0) return side === "upper" ? (k <= 0 ? 1 : 0) : 1;
  if (p >= 1) return side === "upper" ? 1 : k >= n ? 1 : 0;
  const [from, to] = side === "upper" ? [k, n] : [0, k];
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // Summed in log space from the largest term, so large n neither overflows nor underflows.
  const terms: number[] = [];
  for (let i = from; i <= to; i++) terms.push(logChoose(n, i) + i * logP + (n - i) * logQ);
  const max = Math.max(...terms);
  const sum = terms.reduce((s, t) => s + Math.exp(t - max), 0);
  return Math.min(1, Math.exp(max) * sum);
}

/** Benjamini–Hochberg: which of these p-values are discoveries when the expected share of false
 * discoveries among them is held at `q`. Testing dozens of traits at 5% each would otherwise find
 * something in pure noise. */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cutoff = -1;
  order.forEach(([p], rank) => {
    if (p <= ((rank + 1) / m) * q) cutoff = rank;
  });
  const discovered = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank <= cutoff; rank++) discovered[(order[rank] as readonly [number, number])[1]] = true;
  return discovered;
}
