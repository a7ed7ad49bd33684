import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { triageCommand } from "./triage/index.js";

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command("/triage", triageCommand(deps));
}
