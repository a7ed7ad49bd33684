import type { WebClient } from "@slack/web-api";
import { UserError } from "../../../domain/errors.js";
import { errorSummary, type Logger } from "../../../logger.js";
import type { PendingSuggestion } from "../../../services/suggestions.js";
import type { SlackDeps } from "../../deps.js";
import { suggestionBlocks } from "../../views/suggestions.js";

/** After a rule form's ack: only an admin may propose; the change is validated and backtested by `propose`
 * and shown privately with Approve / Dismiss. A change that cannot work says why; anything else is logged. */
export async function proposeChange(
  deps: SlackDeps,
  client: WebClient,
  c: {
    userId: string;
    log: Logger;
    tell: (message: string | { text: string; blocks?: unknown[] }) => void;
    /** "change the rules", "import rules": for the refusal. */
    action: string;
    /** "Your rule change", "Imported rules". */
    what: string;
    /** How a change that cannot work is refused: "That change would not work", "I can't use that file". */
    cannot: string;
    propose: () => Promise<PendingSuggestion>;
  },
): Promise<void> {
  if (!(await deps.admins.isAdmin(client, c.userId, c.log))) {
    c.tell(deps.admins.refusal(c.action));
    return;
  }
  try {
    const pending = await c.propose();
    c.log.info({ by: c.userId, suggestion: pending.id }, "rule change proposed");
    c.tell({
      text: `${c.what}, backtested: ${pending.summary}`,
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: `*${c.what}, backtested.* Approve to publish as a new version.` },
        },
        ...suggestionBlocks(pending),
      ],
    });
  } catch (e) {
    if (e instanceof UserError) c.tell(`${c.cannot}: ${e.message}`);
    else {
      c.log.error({ err: errorSummary(e) }, "proposing a rule change failed");
      c.tell("Sorry, I couldn't check that change just now. Please try again.");
    }
  }
}
