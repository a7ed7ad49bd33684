import { z } from "zod";

/** The parts of Slack payloads the listeners rely on, validated (Slack adds fields freely; we ignore them). */

/** A Slack workspace (T…) or Enterprise Grid org (E…) id. Anything else is not from Slack: refused, never
 * stored as a made-up workspace. */
export const teamIdSchema = z.string().regex(/^[TE][A-Z0-9]{2,}$/);

export function teamIdOf(...candidates: unknown[]): string | undefined {
  for (const c of candidates) if (teamIdSchema.safeParse(c).success) return c as string;
  return undefined;
}

export const commandSchema = z.object({
  team_id: teamIdSchema,
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  user_id: z.string().min(1),
  text: z.string().default(""),
  trigger_id: z.string().optional(),
  response_url: z.string().url().optional(),
});
export type CommandPayload = z.infer<typeof commandSchema>;

const attachmentSchema = z
  .object({
    pretext: z.string().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    fallback: z.string().optional(),
    fields: z
      .array(z.object({ title: z.string().optional(), value: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

const fileSchema = z
  .object({
    title: z.string().optional(),
    plain_text: z.string().optional(),
    preview: z.string().optional(),
    preview_plain_text: z.string().optional(),
    from: z
      .array(
        z
          .object({
            name: z.string().optional(),
            address: z.string().optional(),
            original: z.string().optional(),
          })
          .passthrough(),
      )
      .optional(),
    subject: z.string().optional(),
  })
  .passthrough();

export const messageContentSchema = z
  .object({
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    text: z.string().optional(),
    attachments: z.array(attachmentSchema).optional(),
    files: z.array(fileSchema).optional(),
  })
  .passthrough();

export const messageShortcutSchema = z.object({
  team: z
    .object({ id: z.string().min(1) })
    .passthrough()
    .nullable()
    .optional(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }).passthrough(),
  channel: z.object({ id: z.string().min(1) }).passthrough(),
  message: messageContentSchema,
});

export const mentionSchema = z
  .object({
    type: z.literal("app_mention"),
    user: z.string().optional(),
    text: z.string().default(""),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    channel: z.string().min(1),
    team: z.string().optional(),
  })
  .passthrough();

export const messageEventSchema = z
  .object({
    type: z.literal("message"),
    subtype: z.string().optional(),
    channel: z.string().min(1),
    channel_type: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().default(""),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    attachments: z.array(attachmentSchema).optional(),
    files: z.array(fileSchema).optional(),
    team: z.string().optional(),
  })
  .passthrough();

/** An edited or deleted message (a thread reply that may have reported an outcome). */
export const messageRevisionSchema = z.discriminatedUnion("subtype", [
  z
    .object({
      subtype: z.literal("message_changed"),
      channel: z.string().min(1),
      team: z.string().optional(),
      message: z
        .object({
          ts: z.string().min(1),
          thread_ts: z.string().optional(),
          user: z.string().optional(),
          bot_id: z.string().optional(),
          text: z.string().default(""),
        })
        .passthrough(),
    })
    .passthrough(),
  z
    .object({
      subtype: z.literal("message_deleted"),
      channel: z.string().min(1),
      team: z.string().optional(),
      deleted_ts: z.string().min(1),
      previous_message: z
        .object({ ts: z.string().optional(), thread_ts: z.string().optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
]);

export type MessageContent = z.infer<typeof messageContentSchema>;

/** Everything readable in a message: its text, attachment text (forwarded messages, form bots) and email
 * previews (emails shared into Slack arrive as files). */
export function messageText(message: Pick<MessageContent, "text" | "attachments" | "files">): string {
  const parts: string[] = [];
  if (message.text) parts.push(message.text);
  for (const a of message.attachments ?? []) {
    for (const piece of [a.pretext, a.title, a.text ?? a.fallback]) if (piece) parts.push(piece);
    for (const f of a.fields ?? []) if (f.title || f.value) parts.push(`${f.title ?? ""}: ${f.value ?? ""}`);
  }
  for (const f of message.files ?? []) {
    const from = f.from?.[0];
    if (from) parts.push(`From: ${from.original ?? `${from.name ?? ""} <${from.address ?? ""}>`}`);
    if (f.subject) parts.push(`Subject: ${f.subject}`);
    const body = f.plain_text ?? f.preview_plain_text ?? f.preview;
    if (body) parts.push(body);
  }
  return parts.join("\n");
}
