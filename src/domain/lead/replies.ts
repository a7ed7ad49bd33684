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

/** A turn's speaker at the start of a chat transcript's line ("Visitor:", "Operator (Ana):", "Ana (Agent):",
 * "[10:42] Bot:"): a time stamp may come first, a name or role in brackets after. */
const SPEAKER =
  /^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?\]?\s*)?([\p{L}][\p{L} .'-]{0,30}?)(?:\s*\(([^()\n]{1,30})\))?:[ \t]/imu;

/** Who speaks for the team in a chat tool's transcript (Intercom, Drift, LiveChat, Zendesk chat). */
const TEAM_SPEAKER =
  /^(?:operator|agent|bot|support|assistant|sales|sales rep|rep|team|chatbot|agente|soporte|agent\.e|mitarbeiter(?:in)?)$/iu;

/** Who the lead is in a transcript. */
const VISITOR_SPEAKER =
  /^(?:visitor|guest|customer|lead|user|prospect|client|cliente|visitante|besucher(?:in)?|visiteur)(?: \d+)?$/iu;

/** A line a visitor's turn opens, as SPEAKER and VISITOR_SPEAKER read it. */
const VISITOR_TURN =
  /(?:^|\n)[^\n]{0,45}\b(?:visitor|guest|customer|lead|user|prospect|client|cliente|visitante|besucher(?:in)?|visiteur)\b[^\n:]{0,35}:[ \t]/iu;

/** The team's turns in a chat transcript pasted as a lead: each from a line its team speaker opens to the next
 * speaker's line. Only a transcript that has a visitor's turn and a team's turn counts. */
export function teamTurns(text: string): { start: number; end: number }[] {
  // Most leads are no transcript: one search for a visitor's turn before any line is read.
  if (!VISITOR_TURN.test(text)) return [];
  const turns: { start: number; end: number; team: boolean; visitor: boolean }[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const m = SPEAKER.exec(line);
    if (m) {
      const speaker = (m[1] as string).trim();
      const role = (m[2] ?? "").trim();
      const last = turns.at(-1);
      if (last) last.end = at;
      turns.push({
        start: at,
        end: text.length,
        team: TEAM_SPEAKER.test(speaker) || TEAM_SPEAKER.test(role),
        visitor: VISITOR_SPEAKER.test(speaker) || VISITOR_SPEAKER.test(role),
      });
    }
    at += line.length + 1;
  }
  if (!turns.some((t) => t.team) || !turns.some((t) => t.visitor)) return [];
  return turns.filter((t) => t.team).map(({ start, end }) => ({ start, end: Math.min(end, text.length) }));
}

/** The text with what the team wrote blanked (lines kept, every other character a space): a reply's quoted
 * history and the team's turns in a chat transcript. The lead's words keep their places, so every span the parser
 * reports still points into the text as given. */
export function withoutQuotedHistory(text: string): string {
  const spans = [...teamTurns(text)];
  const history = quotedHistory(text);
  if (history) spans.push(history);
  let out = text;
  for (const span of spans)
    out =
      out.slice(0, span.start) + out.slice(span.start, span.end).replace(/[^\n]/g, " ") + out.slice(span.end);
  return out;
}
