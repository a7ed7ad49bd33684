import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { APPROVE_ACTION, DISMISS_ACTION } from "../../views/suggestions.js";
import { OUTCOME_ACTION_PREFIX } from "../../views/verdict.js";
import { outcomeButton } from "./outcomeButton.js";
import { approveSuggestionButton, dismissSuggestionButton } from "./suggestionButtons.js";

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${OUTCOME_ACTION_PREFIX}`), outcomeButton(deps));
  app.action<BlockAction<ButtonAction>>(APPROVE_ACTION, approveSuggestionButton(deps));
  app.action<BlockAction<ButtonAction>>(DISMISS_ACTION, dismissSuggestionButton(deps));
}
