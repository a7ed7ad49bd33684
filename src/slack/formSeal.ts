import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SlackUrls } from "./slackUrls.js";

/** Who a form was opened for, and who submits it: the payload's own team and user. */
export interface FormParty {
  teamId: string;
  userId: string;
}

const sealedSchema = z.object({
  /** The form's own data, as JSON. */
  d: z.string().max(2_800),
  t: z.string().min(1).max(32),
  u: z.string().min(1).max(32),
  /** HMAC-SHA256 of team, user and data, base64url. */
  s: z.string().length(43),
});

/** Seals what a form carries from its opening to its submission (Slack's private_metadata): signed with a
 * key of the server's and bound to the team and the user it was opened for. A submission whose metadata was
 * altered, or that comes from another workspace or another user, reads as an expired form: a forged form
 * cannot record an outcome or dismiss a suggestion elsewhere. A response URL inside is used only when it is
 * Slack's (SlackUrls). */
export class FormSeal {
  private readonly key: Buffer;

  /** `secret`: the app's signing secret, from which a key of its own is derived (every instance of the app
   * derives the same one). */
  constructor(
    secret: string,
    private readonly urls: SlackUrls,
  ) {
    this.key = createHmac("sha256", secret).update("lead-triage form metadata v1").digest();
  }

  seal(data: object, party: FormParty): string {
    const d = JSON.stringify(data);
    return JSON.stringify({ d, t: party.teamId, u: party.userId, s: this.sign(d, party) });
  }

  /** The form's data when the seal holds, it was opened for this team and user, its `workspaceId` (if any)
   * is that team and its `responseUrl` (if any) is Slack's; undefined otherwise. */
  open<T>(schema: z.ZodType<T>, raw: string | undefined, party: FormParty): T | undefined {
    let sealed: z.infer<typeof sealedSchema>;
    let data: unknown;
    try {
      sealed = sealedSchema.parse(JSON.parse(raw ?? ""));
      data = JSON.parse(sealed.d);
    } catch {
      return undefined;
    }
    const expected = Buffer.from(this.sign(sealed.d, { teamId: sealed.t, userId: sealed.u }));
    const given = Buffer.from(sealed.s);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (sealed.t !== party.teamId || sealed.u !== party.userId) return undefined;
    const parsed = schema.safeParse(data);
    if (!parsed.success) return undefined;
    const { workspaceId, responseUrl } = parsed.data as { workspaceId?: unknown; responseUrl?: unknown };
    if (workspaceId !== undefined && workspaceId !== party.teamId) return undefined;
    if (responseUrl !== undefined && !this.urls.isResponseUrl(String(responseUrl))) return undefined;
    return parsed.data;
  }

  private sign(d: string, party: FormParty): string {
    return createHmac("sha256", this.key)
      .update(JSON.stringify([party.teamId, party.userId, d]))
      .digest("base64url");
  }
}
