/** Numbers as people write them: "2,500", "2.500", "1.5", "10k", "€2,5 Mio". */

/** A number with optional thousands separators or decimals (either convention). */
export const NUMBER = String.raw`(?<!\d)(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3}){1,5}(?:[.,]\d{1,6})?|\d{1,15}(?:[.,]\d{1,6})?)(?!\d)`;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  tsd: 1e3,
  mil: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  millones: 1e6,
  millionen: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  mrd: 1e9,
  milliard: 1e9,
  milliards: 1e9,
};

export const MULTIPLIER = String.raw`(?:k|thousand|tsd\.?|mil|mm|mn|m|mio\.?|millions?|millones|millionen|bn|b|billion|mrd\.?|milliards?)(?![\p{L}])`;

/** Reads "2,500" as 2500, "2.500" as 2500, "2,5" as 2.5, "1.5" as 1.5, "1 200" as 1200. */
export function readNumber(raw: string): number {
  const text = raw.replace(/[\u00a0\u202f ]/g, "");
  const groups = text.split(/[.,]/);
  if (groups.length === 1) return Number(text);
  const last = groups[groups.length - 1] as string;
  const separators = text.replace(/[^.,]/g, "");
  const mixed = separators.includes(".") && separators.includes(",");
  if (mixed) {
    // The last separator is the decimal one: "1,234.56" or "1.234,56".
    const decimalSep = separators[separators.length - 1];
    const [intPart, decPart] = [text.slice(0, text.lastIndexOf(decimalSep as string)), last];
    return Number(`${intPart.replace(/[.,]/g, "")}.${decPart}`);
  }
  // One kind of separator: groups of exactly three digits after it mean thousands.
  if (
    groups.slice(1).every((g) => g.length === 3) &&
    (groups.length > 2 || (groups[0] as string).length <= 3)
  ) {
    return Number(groups.join(""));
  }
  return Number(text.replace(",", "."));
}

export function applyMultiplier(value: number, word: string | undefined): number {
  if (word === undefined) return value;
  const key = word.toLowerCase().replace(/\.$/, "");
  return value * (MULTIPLIERS[key] ?? 1);
}
