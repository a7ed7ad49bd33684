/** Interaction payloads as Slack sends them (block_actions), shared by the end-to-end tests and the fleet
 * benchmark. */
export interface BlockAction {
  team: string;
  user: string;
  actionId: string;
  /** The block the button sits in, e.g. `outcome:<check id>`. */
  blockId: string;
  value: string;
  channel: string;
  /** The message's ts (a private message's buttons have none that matters). */
  ts?: string;
  ephemeral?: boolean;
  responseUrl: string;
  triggerId?: string;
}

export function blockActionPayload(a: BlockAction) {
  return {
    type: "block_actions",
    trigger_id: a.triggerId ?? `trigger-${a.actionId}`,
    team: { id: a.team, domain: "acme" },
    user: { id: a.user, team_id: a.team },
    api_app_id: "A123456",
    container: {
      type: "message",
      channel_id: a.channel,
      message_ts: a.ts ?? "1700000000.000001",
      is_ephemeral: a.ephemeral === true,
    },
    channel: { id: a.channel, name: "sales" },
    ...(a.ephemeral ? {} : { message: { ts: a.ts, type: "message", text: "verdict" } }),
    response_url: a.responseUrl,
    actions: [
      { type: "button", action_id: a.actionId, block_id: a.blockId, value: a.value, action_ts: "1.2" },
    ],
  };
}
