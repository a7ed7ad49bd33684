import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerShortcuts } from "./shortcuts/index.js";

/** Every surface's listeners. A new surface gets its own folder with an index.ts that registers it. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerEvents(app, deps);
}
