import { createHmac, randomBytes } from "node:crypto";
import type { InstallURLOptions, StateStore } from "@slack/bolt";
import { z } from "zod";
import type { Repositories } from "./ports/index.js";

/** Slack's redirect must come back within this: an install link left open for longer starts over. */
const STATE_TTL_MS = 10 * 60_000;

/** What an install link was made with (scopes, redirect), read back when Slack redirects. */
const installOptionsSchema = z
  .object({
    scopes: z.union([z.string(), z.array(z.string())]),
    teamId: z.string().optional(),
    redirectUri: z.string().optional(),
    userScopes: z.union([z.string(), z.array(z.string())]).optional(),
    metadata: z.string().optional(),
  })
  .passthrough();

export class InvalidOAuthStateError extends Error {
  /** @slack/oauth's code for a state that does not verify: its failure page says the link expired. */
  readonly code = "slack_oauth_invalid_state";
  constructor() {
    super("the install link was already used, has expired, or was not made here");
  }
}

/** Bolt's OAuth state store on the database: an install begun on one instance completes on any other, each
 * state works once (taken by one DELETE), for ten minutes. The database keeps only an HMAC of the state
 * (keyed with SLACK_STATE_SECRET), so reading it gives nothing a browser could present. */
export class DatabaseStateStore implements StateStore {
  constructor(
    private readonly store: Repositories["oauthStates"],
    private readonly stateSecret: string,
    private readonly ttlMs = STATE_TTL_MS,
  ) {}

  private hash(state: string): string {
    return createHmac("sha256", this.stateSecret).update(state).digest("base64url");
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const state = randomBytes(32).toString("base64url");
    await this.store.save({
      stateHash: this.hash(state),
      installOptions: JSON.stringify(installOptions),
      expiresAt: new Date(now.getTime() + this.ttlMs),
    });
    return state;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const kept = await this.store.take(this.hash(state), now);
    if (kept === undefined) throw new InvalidOAuthStateError();
    return installOptionsSchema.parse(JSON.parse(kept)) as InstallURLOptions;
  }
}
