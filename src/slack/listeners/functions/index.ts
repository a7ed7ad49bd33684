import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { TRIAGE_STEP, triageLeadStep } from "./triageLeadStep.js";

/** Workflow Builder steps (custom functions the manifest defines). */
export function registerFunctions(app: App, deps: SlackDeps): void {
  app.function(TRIAGE_STEP, triageLeadStep(deps));
}
