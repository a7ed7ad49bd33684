import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { z } from "zod";
import { readPrivateMetadata } from "./payloads.js";

/** A submitted form's private metadata; when it cannot be read (an expired or altered form), the form is
 * answered in its own `block` with `message` and undefined is returned, so every form says it the same way. */
export async function formMetadata<T>(
  schema: z.ZodType<T>,
  { view, ack }: Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, "view" | "ack">,
  block: string,
  message: string,
): Promise<T | undefined> {
  const meta = readPrivateMetadata(schema, view.private_metadata);
  if (meta === undefined)
    await ack({ response_action: "errors", errors: { [block]: `Sorry, this form expired. ${message}` } });
  return meta;
}
