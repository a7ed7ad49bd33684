/** An installation as kept: its bot token and secrets only sealed (the key that sealed them named). */
export interface StoredInstallation {
  /** The team id, or the organisation's for an org-wide install. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string | null;
  scopes: string[];
  installerUserId: string | null;
  appId: string | null;
  sealed: string;
  keyId: string;
}

/** The workspaces and organisations that installed the app. */
export interface InstallationRepository {
  /** Saves an installation, replacing the one with its key (a reinstall). */
  save(installation: StoredInstallation): Promise<void>;
  find(key: string): Promise<StoredInstallation | undefined>;
  /** False when there was none. */
  delete(key: string): Promise<boolean>;
  /** Installations sealed with another key than `keyId`, in key order (a key rotation's work list). */
  notSealedWith(keyId: string, take?: number): Promise<{ key: string; sealed: string; keyId: string }[]>;
  /** Re-seals one installation only if it is still sealed as read (a reinstall meanwhile wins). */
  reseal(key: string, from: { sealed: string }, to: { sealed: string; keyId: string }): Promise<boolean>;
}
