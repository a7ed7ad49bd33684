import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { OUTCOME_ACTION_PREFIX } from "../../views/verdict.js";
import { outcomeButton } from "./outcomeButton.js";

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${OUTCOME_ACTION_PREFIX}`), outcomeButton(deps));
}
