import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type FieldMap, fieldMapSchema, MAPPABLE_FIELDS } from "../../../domain/inbound/leadBody.js";
import { errorSummary } from "../../../logger.js";
import { SecretError } from "../../../services/sealer.js";
import type { SlackDeps } from "../../deps.js";
import { INBOUND_PATH } from "../../httpServer.js";
import { privateAnswer, slackErrorCode } from "../../reply.js";

export const INBOUND_USAGE = [
  "Leads from your web forms and CRM (admins):",
  "• `/triage inbound setup [#channel] [secret <client secret>]`: a signed endpoint whose leads are triaged into the channel (a HubSpot app's client secret, if HubSpot signs the requests)",
  "• `/triage inbound list`: the endpoints, and what each has received",
  "• `/triage inbound rotate <id> [secret <value>]`: a new secret (the old one stops at once)",
  "• `/triage inbound revoke <id>`: the endpoint stops answering",
  `• \`/triage inbound map <id> email=Work email, company=Organisation\`: which form fields hold which facts (${Object.keys(MAPPABLE_FIELDS).join(", ")}); \`map <id> clear\` to read fields as they come`,
].join("\n");

export type InboundRequest =
  | { action: "setup"; channelId?: string; secret?: string }
  | { action: "list" | "usage" }
  | { action: "rotate"; id: string; secret?: string }
  | { action: "revoke"; id: string }
  | { action: "map"; id: string; map: FieldMap | null | { error: string } };

const ID = /^(ep_[A-Za-z0-9]{20})\b\s*([\s\S]*)$/;

/** `key=Field name, key=Field name` (commas or semicolons between), or `clear`. */
function readFieldMap(text: string): FieldMap | null | { error: string } {
  if (/^clear$/i.test(text.trim())) return null;
  const entries = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1
        ? [part.toLowerCase(), ""]
        : [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()];
    });
  const parsed = fieldMapSchema.safeParse(Object.fromEntries(entries));
  if (parsed.success) return parsed.data;
  const wrong = entries.find(([key, value]) => !(key && key in MAPPABLE_FIELDS) || !value);
  return {
    error: wrong
      ? `\`${wrong[0]}=${wrong[1]}\` is not a field I map: write ${Object.keys(MAPPABLE_FIELDS).join(", ")}, each as \`fact=Form field name\``
      : "name at least one field, like `email=Work email, company=Organisation`",
  };
}

/** Reads `inbound …` from the command's raw text (channel mentions arrive as <#C123|name>). */
export function inboundRequest(raw: string): InboundRequest {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(raw.trim());
  const verb = (m?.[1] ?? "").toLowerCase();
  let rest = (m?.[2] ?? "").trim();
  const secretOf = (text: string) => /(?:^|\s)secret\s+(\S+)/i.exec(text)?.[1];
  if (verb === "setup") {
    const mention = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/.exec(rest);
    if (mention) rest = rest.replace(mention[0], "").trim();
    const secret = secretOf(rest);
    return {
      action: "setup",
      ...(mention?.[1] ? { channelId: mention[1] } : {}),
      ...(secret ? { secret } : {}),
    };
  }
  if (verb === "list") return { action: "list" };
  const id = ID.exec(rest);
  if (id?.[1] === undefined) return { action: "usage" };
  if (verb === "rotate") {
    const secret = secretOf(id[2] ?? "");
    return { action: "rotate", id: id[1], ...(secret ? { secret } : {}) };
  }
  if (verb === "revoke") return { action: "revoke", id: id[1] };
  if (verb === "map") return { action: "map", id: id[1], map: readFieldMap(id[2] ?? "") };
  return { action: "usage" };
}

/** How a sender signs: shown with a new secret, once. */
function setupAnswer(url: string, id: string, secret: string, channelId: string): string {
  return [
    `📥 New lead endpoint \`${id}\`: leads posted to it are triaged into <#${channelId}>.`,
    `*URL:* \`${url}\``,
    `*Secret:* \`${secret}\` (shown once; \`/triage inbound rotate ${id}\` makes a new one)`,
    "*Sign each request:* `X-Lead-Triage-Timestamp: <Unix seconds>` and `X-Lead-Triage-Signature: v1=<hex HMAC-SHA256 of v1:<timestamp>:<raw body>, keyed with the secret>`. Typeform: paste the secret in the webhook's settings. HubSpot: set up with `secret <your app's client secret>`.",
    "Send JSON or form fields (email, name, title, company, employees, country, message…); add `Idempotency-Key` so a retry is never a second lead. `lead-triage inbound send` tests the wiring.",
  ].join("\n");
}

/** `/triage inbound …` after the ack: admins only; every answer is private. Setting up announces the endpoint in
 * its channel, which also proves the app can post there. */
export async function answerInboundCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; channelId: string; respond: RespondFn; request: InboundRequest },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `inbound ${c.request.action}` });
  const say = privateAnswer(deps, c.respond, log, "answering /triage inbound");
  const r = c.request;
  try {
    if (r.action === "usage") {
      say(INBOUND_USAGE);
      return;
    }
    if (!(await deps.admins.isAdmin(client, c.userId, log))) {
      say(deps.admins.refusal("manage lead endpoints"));
      return;
    }
    const base = `${deps.publicUrl ?? "https://<this app's address>"}${INBOUND_PATH}`;
    switch (r.action) {
      case "list": {
        const endpoints = await deps.inbound.list(c.workspaceId);
        say(
          endpoints.length === 0
            ? `No lead endpoint yet.\n${INBOUND_USAGE}`
            : `Lead endpoints:\n${endpoints
                .map(
                  (e) =>
                    `• \`${e.id}\` → <#${e.channelId}>: ${e.counts.posted} posted, ${e.counts.pending} waiting, ${e.counts.failed} failed${
                      e.fieldMap
                        ? `; fields ${Object.entries(e.fieldMap)
                            .map(([k, v]) => `${k}=${v}`)
                            .join(", ")}`
                        : ""
                    } (\`${base}${e.id}\`)`,
                )
                .join("\n")}`,
        );
        return;
      }
      case "setup": {
        const channel = r.channelId ?? c.channelId;
        if (channel.startsWith("D")) {
          say("Leads are posted in a channel: run this there, or name it: `/triage inbound setup #leads`.");
          return;
        }
        try {
          await client.chat.postMessage({
            channel,
            text: `📥 <@${c.userId}> connected a lead endpoint to this channel: leads from your forms and CRM will be triaged here.`,
          });
        } catch (e) {
          const code = slackErrorCode(e);
          say(
            code === "not_in_channel" || code === "channel_not_found"
              ? `I'm not in <#${channel}> yet: invite me with \`/invite @Lead Triage\` there, then set up again.`
              : `I couldn't post in <#${channel}> (Slack said \`${code ?? "error"}\`), so no endpoint was made.`,
          );
          return;
        }
        const made = await deps.inbound.setup(c.workspaceId, channel, c.userId, r.secret);
        say(setupAnswer(`${base}${made.id}`, made.id, made.secret, channel));
        return;
      }
      case "rotate": {
        const secret = await deps.inbound.rotate(c.workspaceId, r.id, r.secret);
        say(
          secret === undefined
            ? `There is no live endpoint \`${r.id}\` here (\`/triage inbound list\`).`
            : `🔑 New secret for \`${r.id}\` (shown once; the old one no longer works): \`${secret}\``,
        );
        return;
      }
      case "revoke":
        say(
          (await deps.inbound.revoke(c.workspaceId, r.id))
            ? `\`${r.id}\` is revoked: its URL answers 404 from now on.`
            : `There is no live endpoint \`${r.id}\` here (\`/triage inbound list\`).`,
        );
        return;
      case "map": {
        if (r.map !== null && "error" in r.map) {
          say(r.map.error as string);
          return;
        }
        const done = await deps.inbound.setFieldMap(c.workspaceId, r.id, r.map);
        say(
          !done
            ? `There is no live endpoint \`${r.id}\` here (\`/triage inbound list\`).`
            : r.map === null
              ? `\`${r.id}\` reads form fields as they come.`
              : `\`${r.id}\` reads ${Object.entries(r.map)
                  .map(([fact, field]) => `${fact} from “${field}”`)
                  .join(", ")}; other fields are kept as they come.`,
        );
        return;
      }
    }
  } catch (e) {
    if (e instanceof SecretError) {
      say(`That secret won't do: ${e.message}.`);
      return;
    }
    log.error({ err: errorSummary(e) }, "inbound command failed");
    say("Sorry, that didn't work just now. Please try again in a minute.");
  }
}
