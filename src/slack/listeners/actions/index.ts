import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { OUTBOUND_RETRY_ACTION } from "../../views/home.js";
import { APPROVE_ACTION, DISMISS_ACTION } from "../../views/suggestions.js";
import { OUTCOME_ACTION_PREFIX } from "../../views/verdict.js";
import { outboundRetryButton } from "./outboundRetryButton.js";
import { outcomeButton } from "./outcomeButton.js";
import { approveSuggestionButton, dismissSuggestionButton } from "./suggestionButtons.js";

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${OUTCOME_ACTION_PREFIX}`), outcomeButton(deps));
  app.action<BlockAction<ButtonAction>>(APPROVE_ACTION, approveSuggestionButton(deps));
  app.action<BlockAction<ButtonAction>>(DISMISS_ACTION, dismissSuggestionButton(deps));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${OUTBOUND_RETRY_ACTION}:`), outboundRetryButton(deps));
}
