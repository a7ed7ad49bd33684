import { cutText } from "../../domain/storable.js";

/** Block Kit limits (api.slack.com/reference/block-kit): the view builders keep within them. */
export const LIMITS = {
  messageBlocks: 50,
  sectionText: 3000,
  contextElements: 10,
  buttonText: 75,
  headerText: 150,
  fallbackText: 4000,
  selectOptions: 100,
  optionText: 75,
} as const;

/** Cuts text to a limit, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${cutText(text, max - 1)}…`;
}
