import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { UserError } from "../../../domain/errors.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { postDigest } from "../../digestSender.js";
import { privateAnswer } from "../../reply.js";
import { digestMessage } from "../../views/digest.js";

export const DIGEST_USAGE =
  "Weekly red-flag digest: `/triage digest subscribe [#channel] [cron]` (default Mondays 09:00 in your timezone, e.g. `0 9 * * 1`), `/triage digest unsubscribe [#channel]`, `/triage digest list`, `/triage digest preview` (only you see it), `/triage digest send-now` (admins: posts the last 7 days here now).";

export type DigestRequest =
  | { action: "subscribe"; channelId?: string; schedule?: string }
  | { action: "unsubscribe"; channelId?: string }
  | { action: "list" | "preview" | "send-now" | "usage" };

/** Reads `digest …` from the command's raw text (channel mentions arrive as <#C123|name>). */
export function digestRequest(raw: string): DigestRequest {
  const text = raw.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const verb = (m?.[1] ?? "").toLowerCase();
  let rest = (m?.[2] ?? "").trim();
  const mention = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/.exec(rest);
  const channelId = mention?.[1];
  if (mention) rest = rest.replace(mention[0], "").trim();
  if (verb === "subscribe")
    return {
      action: "subscribe",
      ...(channelId ? { channelId } : {}),
      ...(rest ? { schedule: rest.replace(/^["'`]|["'`]$/g, "") } : {}),
    };
  if (verb === "unsubscribe") return { action: "unsubscribe", ...(channelId ? { channelId } : {}) };
  if (verb === "list" || verb === "preview") return { action: verb };
  if (verb === "send-now" || verb === "sendnow" || verb === "send") return { action: "send-now" };
  return { action: "usage" };
}

const userTzSchema = z.object({ user: z.object({ tz: z.string().optional() }).passthrough() });

async function timezoneOf(client: WebClient, userId: string): Promise<string> {
  try {
    const parsed = userTzSchema.safeParse(await client.users.info({ user: userId }));
    return parsed.success && parsed.data.user.tz ? parsed.data.user.tz : "UTC";
  } catch {
    return "UTC";
  }
}

function describeSchedule(schedule: string, timezone: string): string {
  return schedule === "0 9 * * 1"
    ? `every Monday at 09:00 (${timezone})`
    : `on \`${schedule}\` (${timezone})`;
}

function inviteHint(error: string | undefined): string | undefined {
  if (error === "not_in_channel" || error === "channel_not_found")
    return "I'm not in that channel yet: invite me with `/invite @Lead Triage` there, then subscribe again.";
  return undefined;
}

/** Who may subscribe or unsubscribe a channel: admins any channel; a member the channel the command is run
 * in (Slack only lets members run it there), so no one changes what another channel receives. */
async function mayManage(
  deps: SlackDeps,
  client: WebClient,
  c: { userId: string; channelId: string },
  channel: string,
  log: Parameters<SlackDeps["admins"]["isAdmin"]>[2],
): Promise<boolean> {
  return channel === c.channelId || deps.admins.isAdmin(client, c.userId, log);
}

function otherChannelRefusal(deps: SlackDeps, verb: "subscribe" | "unsubscribe", channel: string): string {
  return `Run \`/triage digest ${verb}\` in <#${channel}> itself (its members decide what it receives). ${deps.admins.refusal(`${verb} another channel`)}`;
}

/** `/triage digest …` after the ack. Answers are private; subscribing announces itself in the channel (which
 * also proves the app can post there); send-now is for admins. */
export async function answerDigestCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; channelId: string; respond: RespondFn; request: DigestRequest },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `digest ${c.request.action}` });
  const say = privateAnswer(deps, c.respond, log, "answering /triage digest");
  const r = c.request;
  try {
    switch (r.action) {
      case "usage":
        say({ text: DIGEST_USAGE });
        return;
      case "list": {
        const subs = await deps.digests.list(c.workspaceId);
        say({
          text:
            subs.length === 0
              ? `No channel gets the digest yet. ${DIGEST_USAGE}`
              : `The weekly digest goes to:\n${subs.map((s) => `• <#${s.channelId}> ${describeSchedule(s.schedule, s.timezone)}`).join("\n")}`,
        });
        return;
      }
      case "preview":
        say(digestMessage(await deps.digests.data(c.workspaceId, new Date())));
        return;
      case "unsubscribe": {
        const channel = r.channelId ?? c.channelId;
        if (!(await mayManage(deps, client, c, channel, log))) {
          say({ text: otherChannelRefusal(deps, "unsubscribe", channel) });
          return;
        }
        const removed = await deps.digests.unsubscribe(c.workspaceId, channel);
        say({
          text: removed
            ? `<#${channel}> won't get the weekly digest any more.`
            : `<#${channel}> wasn't subscribed.`,
        });
        return;
      }
      case "subscribe": {
        const channel = r.channelId ?? c.channelId;
        if (channel.startsWith("D")) {
          say({
            text: "Digests go to channels: run this in the channel, or name it: `/triage digest subscribe #sales`.",
          });
          return;
        }
        if (!(await mayManage(deps, client, c, channel, log))) {
          say({ text: otherChannelRefusal(deps, "subscribe", channel) });
          return;
        }
        const timezone = await timezoneOf(client, c.userId);
        const saved = await deps.digests.subscribe(c.workspaceId, channel, c.userId, r.schedule, timezone);
        try {
          await client.chat.postMessage({
            channel,
            text: `📬 <@${c.userId}> subscribed this channel to Lead Triage's weekly red-flag digest, ${describeSchedule(saved.schedule, saved.timezone)}.`,
          });
        } catch (e) {
          const error = (e as { data?: { error?: string } }).data?.error;
          await deps.digests.unsubscribe(c.workspaceId, channel);
          say({
            text:
              inviteHint(error) ??
              `I couldn't post in <#${channel}> (${error ?? "error"}), so it is not subscribed.`,
          });
          return;
        }
        log.info({ channel, schedule: saved.schedule, timezone: saved.timezone }, "digest subscribed");
        say({ text: `Subscribed <#${channel}>: ${describeSchedule(saved.schedule, saved.timezone)}.` });
        return;
      }
      case "send-now": {
        if (!(await deps.admins.isAdmin(client, c.userId, log))) {
          say({ text: deps.admins.refusal("send the digest now") });
          return;
        }
        const now = new Date();
        // One manual digest per channel and minute: a double submit posts once.
        const result = await postDigest(
          deps.digests,
          client,
          {
            workspaceId: c.workspaceId,
            channelId: c.channelId,
            period: `manual:${now.toISOString().slice(0, 16)}`,
            to: now,
          },
          log,
        );
        say({
          text: result.posted
            ? "Posted the digest for the last 7 days here."
            : result.why === "taken"
              ? "The digest was just posted here."
              : (inviteHint(result.error) ?? "Sorry, I couldn't post the digest just now. Please try again."),
        });
        return;
      }
    }
  } catch (e) {
    if (e instanceof UserError) {
      say({ text: e.message });
      return;
    }
    log.error({ err: errorSummary(e) }, "/triage digest failed");
    say({ text: "Sorry, I couldn't do that just now. Please try again in a minute." });
  }
}
