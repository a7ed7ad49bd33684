import { blockActionPayload } from "../support/slackPayloads.js";
import { commandFields, type Harness } from "./harness.js";

/** Steps the outcome tests share: a verdict in a channel, a button click on it, a reason modal's submission. */

export const LEAD =
  "Sam Ortiz, Owner at Ortiz Design, a 3-person agency, sam@ortizdesign.com, wants the cheapest plan";

/** Posts a lead with /triage in a channel and waits for its verdict and kept check (with the message ts). */
export async function verdictIn(h: Harness, channel: string) {
  const before = h.fake.callsTo("chat.postMessage").length;
  await h.slack.command(commandFields(LEAD, h.fake, { channel_id: channel }));
  const post = await h.fake.waitFor(() =>
    h.fake
      .callsTo("chat.postMessage")
      .slice(before)
      .find((c) => c.body.channel === channel),
  );
  let row: Awaited<ReturnType<typeof h.db.prisma.check.findFirst>> = null;
  for (let i = 0; i < 200 && (row === null || row.messageTs === null); i++) {
    row = await h.db.prisma.check.findFirst({ where: { channelId: channel } });
    if (row?.messageTs) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (row === null || row.messageTs === null) throw new Error("check not kept");
  return { post, check: row as typeof row & { messageTs: string } };
}

/** A click on an outcome button: on a channel message, or (`ephemeral`) on a private verdict. */
export function buttonClick(
  h: Harness,
  actionId: string,
  checkId: string,
  at: { channel: string; ts?: string; ephemeral?: boolean },
  team = "T0001",
  user = "U2147483697",
) {
  return blockActionPayload({
    team,
    user,
    actionId,
    blockId: `outcome:${checkId}`,
    value: checkId,
    channel: at.channel,
    ...(at.ts ? { ts: at.ts } : {}),
    ephemeral: at.ephemeral === true,
    responseUrl: h.fake.responseUrl(`button-${actionId}-${checkId}`),
  });
}

/** A modal's submit with these state values (the reason modal unless `callbackId` says another form). */
export function modalSubmission(
  privateMetadata: string,
  values: Record<string, unknown>,
  user = "U2147483697",
  callbackId = "outcome_reason",
) {
  return {
    type: "view_submission",
    team: { id: "T0001", domain: "acme" },
    user: { id: user, team_id: "T0001" },
    api_app_id: "A123456",
    trigger_id: "t",
    view: {
      id: "V1",
      type: "modal",
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
    },
  };
}

/** State values picking a reason, with an optional note. */
export function reasonPicked(reason: string, note?: string): Record<string, unknown> {
  return {
    reason: {
      reason: {
        type: "static_select",
        selected_option: { value: reason, text: { type: "plain_text", text: reason } },
      },
    },
    ...(note ? { note: { note: { type: "plain_text_input", value: note } } } : {}),
  };
}
