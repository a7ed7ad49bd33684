import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallbackOptions, Installation } from "@slack/oauth";
import type { Logger } from "../logger.js";

/** The pages a browser sees while installing: the "Add to Slack" page, then success or failure. Plain HTML with
 * no outside assets, so they render behind any proxy. */

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d;line-height:1.5}" +
  "a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}";

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** GET /slack/install: what the app does and the button that starts Slack's consent screen. */
export function installPage(addToSlackUrl: string): string {
  return page(
    "Add Lead Triage to Slack",
    `<h1>Lead Triage</h1>
<p>Checks every lead your reps paste against your team's anti-personas and answers in seconds: pass, review or reject, with the rule and the words behind it.</p>
<p><a class="button" href="${escapeHtml(addToSlackUrl)}">Add to Slack</a></p>
<p><small>It reads the messages it is given or mentioned in and the channels it is invited to, posts verdicts, and keeps as little personal data as it can.</small></p>`,
  );
}

function isOrgWide(installation: Installation): boolean {
  return installation.isEnterpriseInstall === true;
}

/** Where the browser goes after an install: the app in the Slack client for a workspace, the organisation's app
 * settings for an org-wide install. */
function openInSlack(installation: Installation): string {
  if (isOrgWide(installation))
    return `${installation.enterpriseUrl ?? "https://app.slack.com/"}manage/organization/apps/profile/${installation.appId ?? ""}/workspaces/add`;
  return `https://app.slack.com/client/${installation.team?.id ?? ""}`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/** What a failed install says: a used or stale link is the browser's to restart; anything else is ours. */
function failureText(code: string | undefined): { status: number; text: string } {
  switch (code) {
    case "slack_oauth_invalid_state":
    case "slack_oauth_missing_state":
      return {
        status: 400,
        text: "This install link was already used, has expired, or was opened in another browser. Start again below.",
      };
    case "slack_oauth_installer_authorization_error":
      return { status: 400, text: "The install was cancelled in Slack; nothing was installed." };
    case "slack_oauth_missing_code":
      return { status: 400, text: "Slack did not send the install's code back." };
    default:
      return { status: 500, text: "Slack did not complete the install. Please try again in a minute." };
  }
}

/** The success and failure pages, with a log line for each (ids only: never a token). */
export function installCallbacks(logger: Logger): CallbackOptions {
  return {
    success(installation: Installation, _options, _req: IncomingMessage, res: ServerResponse) {
      logger.info(
        {
          workspace: installation.team?.id,
          enterprise: installation.enterprise?.id,
          orgWide: isOrgWide(installation),
        },
        "installed",
      );
      const where = installation.team?.name ?? installation.enterprise?.name ?? "your workspace";
      send(
        res,
        200,
        page(
          "Lead Triage is installed",
          `<h1>Lead Triage is installed in ${escapeHtml(where)}</h1>
<p>Try <code>/triage</code> with a lead's details in any channel, or open the app's Home tab.</p>
<p><a class="button" href="${escapeHtml(openInSlack(installation))}">Open Slack</a></p>`,
        ),
      );
    },
    failure(error, _options, _req: IncomingMessage, res: ServerResponse) {
      const { status, text } = failureText(error.code);
      logger.warn({ code: error.code, status }, "an install did not complete");
      send(
        res,
        status,
        page(
          "Lead Triage was not installed",
          `<h1>Lead Triage was not installed</h1><p>${escapeHtml(text)}</p><p><a class="button" href="/slack/install">Start again</a></p>`,
        ),
      );
    },
  };
}
