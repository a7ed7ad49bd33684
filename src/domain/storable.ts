/** Text PostgreSQL accepts: no NUL characters (text and jsonb refuse them) and no lone UTF-16 surrogates
 * (left when text is cut inside an emoji; they cannot be encoded as UTF-8). Everything else is kept. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that may need cleaning: most text has none and is returned as is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what the database refuses
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

export function storableText(text: string): string {
  if (!MAYBE_UNSTORABLE.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what the database refuses
  return text.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** The same for every string inside a JSON-like value (facts). */
export function storableValue<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableValue) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)]),
    ) as T;
  }
  return value;
}

/** The first `max` UTF-16 units of text, never ending in half of a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
