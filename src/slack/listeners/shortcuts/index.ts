import type { App, MessageShortcut } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { checkLeadShortcut } from "./checkLead.js";

export function registerShortcuts(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: "check_lead", type: "message_action" },
    checkLeadShortcut(deps),
  );
}
