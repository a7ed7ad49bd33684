/** Which URLs are Slack's own: only these get a response posted to them or the bot token sent to them. A
 * Slack API configured elsewhere (SLACK_API_URL: a proxy, or the tests' fake Slack) is trusted for its own
 * origin as well. */
export class SlackUrls {
  private readonly configured: string | undefined;

  constructor(apiUrl?: string) {
    this.configured = apiUrl ? new URL(apiUrl).origin : undefined;
  }

  /** A response_url: https://hooks.slack.com/… */
  isResponseUrl(url: string): boolean {
    return this.isOn(url, (host) => host === "hooks.slack.com");
  }

  /** A file's url_private, fetched with the bot token: https://files.slack.com/… (or another *.slack.com). */
  isFileUrl(url: string): boolean {
    return this.isOn(url, (host) => host === "slack.com" || host.endsWith(".slack.com"));
  }

  private isOn(url: string, slackHost: (host: string) => boolean): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username !== "" || parsed.password !== "") return false;
    if (parsed.origin === this.configured) return true;
    return parsed.protocol === "https:" && parsed.port === "" && slackHost(parsed.hostname);
  }
}
