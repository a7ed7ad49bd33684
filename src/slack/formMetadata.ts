import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { z } from "zod";
import type { FormSeal } from "./formSeal.js";
import { teamIdOf } from "./payloads.js";

/** A submitted form's sealed metadata, checked against the submission's own team and user (see FormSeal);
 * when it cannot be read (an expired, altered or foreign form), the form is answered in its own `block`
 * with `message` and undefined is returned, so every form says it the same way. */
export async function formMetadata<T>(
  forms: FormSeal,
  schema: z.ZodType<T>,
  { view, ack, body }: Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, "view" | "ack" | "body">,
  block: string,
  message: string,
): Promise<T | undefined> {
  const teamId = teamIdOf(body.team?.id, body.user.team_id, view.team_id);
  const meta =
    teamId === undefined
      ? undefined
      : forms.open(schema, view.private_metadata, { teamId, userId: body.user.id });
  if (meta === undefined)
    await ack({ response_action: "errors", errors: { [block]: `Sorry, this form expired. ${message}` } });
  return meta;
}
