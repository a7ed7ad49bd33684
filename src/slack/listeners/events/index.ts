import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { appHomeOpened } from "./appHomeOpened.js";
import { appMention } from "./appMention.js";
import { appUninstalled, tokensRevoked } from "./appUninstalled.js";
import { leadMessage } from "./message.js";

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event("app_mention", appMention(deps));
  app.event("message", leadMessage(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  app.event("app_uninstalled", appUninstalled(deps));
  app.event("tokens_revoked", tokensRevoked(deps));
}
