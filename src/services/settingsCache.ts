import type { WorkspaceSettings } from "../domain/workspace.js";
import type { Repositories } from "./ports/index.js";

const RETRY_AFTER_FAILURE_MS = 1_000;

/** Workspace settings (retention, active rule-set version) read at most once per `ttlMs` per workspace:
 * every verdict needs them, and they change rarely. A published rule set applies within `ttlMs`. While the
 * database does not answer, the last settings read are served however old (stale settings give the same
 * verdict as a few seconds ago; none would give no verdict), and the next request reads again. */
export class SettingsCache {
  private readonly entries = new Map<
    string,
    { at: number; settings: Promise<WorkspaceSettings>; known?: WorkspaceSettings }
  >();

  constructor(
    private readonly workspaces: Repositories["workspaces"],
    private readonly ttlMs = 5_000,
  ) {}

  get(workspaceId: string): Promise<WorkspaceSettings> {
    const now = Date.now();
    const hit = this.entries.get(workspaceId);
    if (hit && now - hit.at < this.ttlMs) return hit.settings;
    const known = hit?.known;
    const entry: { at: number; settings: Promise<WorkspaceSettings>; known?: WorkspaceSettings } = {
      at: now,
      settings: this.workspaces.settings(workspaceId).then(
        (read) => {
          entry.known = read;
          return read;
        },
        (e: unknown) => {
          // A failed read is not cached: a request a second later asks the database again.
          entry.at = Date.now() - this.ttlMs + RETRY_AFTER_FAILURE_MS;
          if (known === undefined) throw e;
          return known;
        },
      ),
      ...(known ? { known } : {}),
    };
    this.entries.set(workspaceId, entry);
    return entry.settings;
  }
}
