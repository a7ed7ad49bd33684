import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { z } from "zod";
import type { Repositories } from "./ports/index.js";
import type { TokenCipher } from "./tokenCipher.js";

/** What an installation must hold to be used: the shape Bolt reads back (checked when opened). */
const openedSchema = z
  .object({
    team: z.object({ id: z.string() }).passthrough().optional(),
    enterprise: z.object({ id: z.string() }).passthrough().optional(),
    bot: z.object({ token: z.string(), userId: z.string(), id: z.string() }).passthrough().optional(),
    user: z.object({ id: z.string() }).passthrough(),
  })
  .passthrough();

export class InstallationNotFoundError extends Error {
  constructor(key: string) {
    super(`no installation for ${key}`);
  }
}

/** An installation's key: the workspace's team id, or the organisation's enterprise id for an org-wide install
 * (Enterprise Grid), whose one installation serves every workspace of the organisation. */
export function installationKey(q: {
  isEnterpriseInstall?: boolean;
  teamId?: string;
  enterpriseId?: string;
}) {
  const key = q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
  if (key === undefined)
    throw new InstallationNotFoundError("an installation without a team or enterprise id");
  return key;
}

/** Bolt's installation store on the database: each installation sealed with the token cipher (tokens never
 * stored, logged or returned in clear but to Bolt, per request). `rotate()` re-seals what an older key sealed. */
export class InstallationService implements InstallationStore {
  private readonly store: Repositories["installations"];
  private readonly workspaces: Pick<Repositories["workspaces"], "organisation" | "setOrganisation">;

  constructor(
    store: Pick<Repositories, "installations" | "workspaces">,
    private readonly cipher: TokenCipher,
  ) {
    this.store = store.installations;
    this.workspaces = store.workspaces;
  }

  /** The id of the key new seals use. */
  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const key = installationKey({
      isEnterpriseInstall,
      ...(installation.team?.id ? { teamId: installation.team.id } : {}),
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
    });
    await this.store.save({
      key,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall,
      botUserId: installation.bot?.userId ?? null,
      scopes: installation.bot?.scopes ?? [],
      installerUserId: installation.user.id,
      appId: installation.appId ?? null,
      sealed: this.cipher.seal(JSON.stringify(installation)),
      keyId: this.cipher.currentKeyId,
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    // A workspace of an organisation that installed org-wide is served by the organisation's installation.
    const stored =
      (await this.store.find(key)) ??
      (!query.isEnterpriseInstall && query.enterpriseId
        ? await this.store.find(query.enterpriseId)
        : undefined);
    if (stored === undefined) throw new InstallationNotFoundError(key);
    return openedSchema.parse(JSON.parse(this.cipher.open(stored.sealed))) as unknown as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.delete(installationKey(query));
  }

  /** The bot token that posts for a workspace when no request brought one (the digest): the workspace's own
   * installation, else its organisation's org-wide one; undefined when the app is not installed there. */
  async botToken(workspaceId: string): Promise<string | undefined> {
    const enterpriseId = await this.workspaces.organisation(workspaceId);
    const installation = await this.fetchInstallation({
      teamId: workspaceId,
      isEnterpriseInstall: false,
      enterpriseId,
    }).catch((e: unknown) => {
      if (e instanceof InstallationNotFoundError) return undefined;
      throw e;
    });
    return installation?.bot?.token;
  }

  /** Removes the installation that serves a workspace (its own, else its organisation's): Slack refused its
   * token for good. */
  async forgetTokenOf(workspaceId: string): Promise<void> {
    if (await this.store.delete(workspaceId)) return;
    const enterpriseId = await this.workspaces.organisation(workspaceId);
    if (enterpriseId) await this.store.delete(enterpriseId);
  }

  /** Notes that a workspace is served by its organisation's org-wide installation (seen on its requests). */
  async noteOrganisation(workspaceId: string, enterpriseId: string): Promise<void> {
    await this.workspaces.setOrganisation(workspaceId, enterpriseId);
  }

  /** Re-seals every installation an older key sealed with the current key; returns how many. */
  async rotate(): Promise<number> {
    let rotated = 0;
    for (;;) {
      const page = await this.store.notSealedWith(this.cipher.currentKeyId);
      if (page.length === 0) return rotated;
      for (const row of page) {
        const sealed = this.cipher.seal(this.cipher.open(row.sealed));
        if (await this.store.reseal(row.key, row, { sealed, keyId: this.cipher.currentKeyId })) rotated++;
      }
    }
  }
}
