/** The line a mail client puts above the message it quotes in a reply ("On Tue, Dec 1, 2026 at 10:12 AM Tom Hale
 * <tom@…> wrote:"), in the languages the parser reads; Gmail may wrap it over two lines. */
const REPLY_HEADER = new RegExp(
  [
    String.raw`^On\s[^\n]{4,160}(?:\n[^\n]{0,120})?\swrote:[ \t]*$`,
    String.raw`^Le\s[^\n]{4,160}(?:\n[^\n]{0,120})?\sa écrit\s?:[ \t]*$`,
    String.raw`^El\s[^\n]{4,160}(?:\n[^\n]{0,120})?\sescribió:[ \t]*$`,
    String.raw`^Em\s[^\n]{4,160}(?:\n[^\n]{0,120})?\sescreveu:[ \t]*$`,
    String.raw`^Am\s[^\n]{4,160}(?:\n[^\n]{0,120})?\sschrieb\s[^\n]{0,120}:[ \t]*$`,
    String.raw`^[^\n]{1,120}\sschrieb am\s[^\n]{4,60}:[ \t]*$`,
  ].join("|"),
  "imu",
);

/** Letters enough for the part above a reply header to be a message of its own (not just "Hi,"). */
const OWN_MESSAGE_LETTERS = 20;

/** The quoted history of a reply, when the text is one: the reply header and the message it quotes (the rep's own,
 * signature and all). The lead wrote what is above it, and what follows a `>`-quoted block (a signature placed
 * under the quote). Undefined when there is no reply header, or nothing of substance above it (a quoted message
 * pasted alone is the lead's). */
export function quotedHistory(text: string): { start: number; end: number } | undefined {
  const header = REPLY_HEADER.exec(text);
  if (header === null) return undefined;
  const above = text.slice(0, header.index);
  if ((above.match(/\p{L}/gu)?.length ?? 0) < OWN_MESSAGE_LETTERS) return undefined;
  const start = header.index;
  let at = start + header[0].length;
  // A quote marked with ">" ends at the first line that is neither quoted nor blank; an unmarked one runs to the end.
  const rest = text.slice(at).split("\n");
  const firstLine = rest.find((line) => line.trim() !== "");
  if (firstLine === undefined || !firstLine.trimStart().startsWith(">")) return { start, end: text.length };
  for (const [i, line] of rest.entries()) {
    if (i > 0 && line.trim() !== "" && !line.trimStart().startsWith(">")) break;
    at += line.length + (i < rest.length - 1 ? 1 : 0);
  }
  return { start, end: Math.min(at, text.length) };
}

/** The text with a reply's quoted history blanked (lines kept, every other character a space): the lead's words
 * keep their places, so every span the parser reports still points into the text as given. */
export function withoutQuotedHistory(text: string): string {
  const history = quotedHistory(text);
  if (history === undefined) return text;
  return (
    text.slice(0, history.start) +
    text.slice(history.start, history.end).replace(/[^\n]/g, " ") +
    text.slice(history.end)
  );
}
