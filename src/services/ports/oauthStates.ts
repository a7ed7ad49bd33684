/** The one-time states of installs in progress (by hash: the state itself is never kept). */
export interface OAuthStateRepository {
  save(state: { stateHash: string; installOptions: string; expiresAt: Date }): Promise<void>;
  /** The install options of a live state, which is used up by taking it; undefined when unknown or expired. */
  take(stateHash: string, now: Date): Promise<string | undefined>;
  purgeExpired(now: Date): Promise<number>;
}
