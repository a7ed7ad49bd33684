import type { WorkspaceSettings } from "../domain/workspace.js";
import type { Store } from "../store/index.js";

/** Workspace settings (retention, active rule-set version) read at most once per `ttlMs` per workspace:
 * every verdict needs them, and they change rarely. A published rule set applies within `ttlMs`. */
export class SettingsCache {
  private readonly entries = new Map<string, { at: number; settings: Promise<WorkspaceSettings> }>();

  constructor(
    private readonly workspaces: Store["workspaces"],
    private readonly ttlMs = 5_000,
  ) {}

  get(workspaceId: string): Promise<WorkspaceSettings> {
    const now = Date.now();
    const hit = this.entries.get(workspaceId);
    if (hit && now - hit.at < this.ttlMs) return hit.settings;
    const settings = this.workspaces.settings(workspaceId);
    this.entries.set(workspaceId, { at: now, settings });
    // A failed read is not cached.
    settings.catch(() => this.entries.delete(workspaceId));
    return settings;
  }
}
