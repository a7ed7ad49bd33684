import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { mentionSchema } from "../../payloads.js";
import { answerInThread } from "./answerInThread.js";

/** `@Lead Triage <details>`: the verdict goes in the mention's thread. */
export function appMention(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_mention">) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    answerInThread(
      deps,
      client,
      body,
      {
        ...(e.user ? { userId: e.user } : {}),
        channelId: e.channel,
        threadTs: e.thread_ts ?? e.ts,
        inputKind: "mention",
      },
      e.team,
      e.text,
    );
  };
}
