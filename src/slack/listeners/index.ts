import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerFunctions } from "./functions/index.js";
import { registerShortcuts } from "./shortcuts/index.js";
import { registerViews } from "./views/index.js";

/** Every surface's listeners. A new surface gets its own folder with an index.ts that registers it. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerFunctions(app, deps);
}
