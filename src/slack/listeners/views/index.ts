import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { OUTCOME_MODAL_ID } from "../../views/outcomeModal.js";
import { IMPORT_MODAL_ID, RULE_MODAL_ID } from "../../views/ruleModal.js";
import { DISMISS_MODAL_ID } from "../../views/suggestions.js";
import { dismissSubmission } from "./dismissSubmission.js";
import { importSubmission } from "./importSubmission.js";
import { outcomeSubmission } from "./outcomeSubmission.js";
import { ruleSubmission } from "./ruleSubmission.js";

export function registerViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(OUTCOME_MODAL_ID, outcomeSubmission(deps));
  app.view<ViewSubmitAction>(DISMISS_MODAL_ID, dismissSubmission(deps));
  app.view<ViewSubmitAction>(RULE_MODAL_ID, ruleSubmission(deps));
  app.view<ViewSubmitAction>(IMPORT_MODAL_ID, importSubmission(deps));
}
