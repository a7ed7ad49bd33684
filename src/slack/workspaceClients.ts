import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "../logger.js";

/** Slack's answers that mean a token is gone for good (uninstalled, revoked, deactivated), not a hiccup. */
const DEAD_TOKEN_ERRORS = new Set([
  "token_revoked",
  "token_expired",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "team_disabled",
]);

export function isDeadTokenError(error: string | undefined): boolean {
  return error !== undefined && DEAD_TOKEN_ERRORS.has(error);
}

/** Web API clients for what posts on its own schedule (the digest): no request brings a token, so each
 * workspace's is looked up. A token Slack refuses for good is logged once and stops that workspace's posts
 * only. */
export interface WorkspaceClients {
  /** The client that posts for a workspace; undefined when the app is not installed there (or its token was
   * refused). */
  forWorkspace(workspaceId: string): Promise<WebClient | undefined>;
  /** Slack refused a workspace's token for good (`isDeadTokenError`). */
  refused(workspaceId: string, error: string): Promise<void>;
}

/** One workspace, one bot token from the environment. */
export class SingleWorkspaceClient implements WorkspaceClients {
  private refusal: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  async forWorkspace(): Promise<WebClient | undefined> {
    return this.refusal === undefined ? this.client : undefined;
  }

  async refused(workspaceId: string, error: string): Promise<void> {
    if (this.refusal !== undefined) return;
    this.refusal = error;
    this.logger.error(
      { workspace: workspaceId, error },
      "Slack refused SLACK_BOT_TOKEN; scheduled posts stop until the app restarts with a valid token",
    );
  }
}

/** What the installation store offers here: a workspace's token, and forgetting an installation. */
export interface TokenSource {
  botToken(workspaceId: string): Promise<string | undefined>;
  forgetTokenOf(workspaceId: string): Promise<void>;
}

/** Distribution: each workspace's token from its installation (looked up per post, so an uninstall or a
 * reinstall counts at once). Clients are kept per token, so each has its own rate-limit queue. */
export class InstalledWorkspaceClients implements WorkspaceClients {
  private readonly clients = new Map<string, WebClient>();
  /** Workspaces already logged as not installed, so a due digest is not logged every minute. */
  private readonly notInstalledLogged = new Set<string>();

  constructor(
    private readonly tokens: TokenSource,
    private readonly options: WebClientOptions,
    private readonly logger: Logger,
  ) {}

  async forWorkspace(workspaceId: string): Promise<WebClient | undefined> {
    const token = await this.tokens.botToken(workspaceId);
    if (token === undefined) {
      if (!this.notInstalledLogged.has(workspaceId)) {
        this.notInstalledLogged.add(workspaceId);
        this.logger.info(
          { workspace: workspaceId },
          "not installed in this workspace; its scheduled posts wait",
        );
      }
      return undefined;
    }
    this.notInstalledLogged.delete(workspaceId);
    const kept = this.clients.get(workspaceId);
    if (kept?.token === token) return kept;
    const client = new WebClient(token, this.options);
    this.clients.set(workspaceId, client);
    return client;
  }

  /** The installation goes: Slack will not take its token again, and a reinstall brings a new one. */
  async refused(workspaceId: string, error: string): Promise<void> {
    this.clients.delete(workspaceId);
    await this.tokens.forgetTokenOf(workspaceId);
    this.notInstalledLogged.add(workspaceId);
    this.logger.error(
      { workspace: workspaceId, error },
      "Slack refused this workspace's token; its installation is removed and its scheduled posts stop until it is installed again",
    );
  }
}
