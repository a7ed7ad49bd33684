/** Slack message text as a rep wrote it: Slack encodes links, emails and mentions as <…|…> and escapes
 * &, < and >. The parser wants the plain words. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<tel:([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:\/\/[^>]+)>/g, "$1")
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Escapes text placed inside mrkdwn so lead words cannot ping @channel or fake links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
