import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { errorSummary, type Logger } from "../logger.js";

const userInfoSchema = z.object({
  user: z
    .object({
      is_admin: z.boolean().optional(),
      is_owner: z.boolean().optional(),
      is_primary_owner: z.boolean().optional(),
    })
    .passthrough(),
});

/** Who may change what the whole team relies on (reasons, rules, digests): the configured ADMIN_USER_IDS
 * when there are any, else Slack's workspace admins and owners (users.info). */
export class AdminPolicy {
  private readonly configured: ReadonlySet<string>;

  constructor(adminUserIds: readonly string[]) {
    this.configured = new Set(adminUserIds);
  }

  /** A failed users.info call is a refusal (logged): an admin can simply try again. */
  async isAdmin(client: WebClient, userId: string, log: Logger): Promise<boolean> {
    if (this.configured.size > 0) return this.configured.has(userId);
    try {
      const parsed = userInfoSchema.safeParse(await client.users.info({ user: userId }));
      if (!parsed.success) return false;
      const u = parsed.data.user;
      return u.is_admin === true || u.is_owner === true || u.is_primary_owner === true;
    } catch (e) {
      log.warn({ err: errorSummary(e) }, "users.info failed; admin action refused");
      return false;
    }
  }

  /** The refusal, naming who can. */
  refusal(action: string): string {
    const who =
      this.configured.size > 0
        ? [...this.configured]
            .slice(0, 10)
            .map((id) => `<@${id}>`)
            .join(", ")
        : "your Slack workspace's admins and owners";
    return `Only admins can ${action}: ${who}. Ask one of them, or ask them to add you to ADMIN_USER_IDS.`;
  }
}
