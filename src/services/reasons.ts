import {
  newReason,
  type ReasonChange,
  ReasonChangeError,
  ReasonTaxonomy,
  renamedReason,
} from "../domain/outcomes/taxonomy.js";
import type { Repositories } from "./ports/index.js";

/** A workspace's reason taxonomy: read at most once per `ttlMs` per workspace (every outcome report and
 * every reason picklist needs it; it changes rarely), changed only through `add` and `rename`. */
export class ReasonService {
  private readonly cache = new Map<string, { at: number; taxonomy: Promise<ReasonTaxonomy> }>();

  constructor(
    private readonly store: Pick<Repositories, "reasons" | "workspaces">,
    private readonly ttlMs = 30_000,
  ) {}

  taxonomy(workspaceId: string): Promise<ReasonTaxonomy> {
    const now = Date.now();
    const hit = this.cache.get(workspaceId);
    if (hit && now - hit.at < this.ttlMs) return hit.taxonomy;
    const taxonomy = this.store.reasons.changes(workspaceId).then((c) => ReasonTaxonomy.withChanges(c));
    this.cache.set(workspaceId, { at: now, taxonomy });
    // A failed read is not cached.
    taxonomy.catch(() => this.cache.delete(workspaceId));
    return taxonomy;
  }

  /** The taxonomy if it can be read within `waitMs`, else the defaults: a modal must open while its
   * trigger id lives (3 s), whatever the database is doing. */
  async taxonomyWithin(workspaceId: string, waitMs: number): Promise<ReasonTaxonomy> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ReasonTaxonomy>((resolve) => {
      timer = setTimeout(() => resolve(ReasonTaxonomy.defaults), waitMs);
    });
    try {
      return await Promise.race([this.taxonomy(workspaceId).catch(() => ReasonTaxonomy.defaults), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds a reason. Two admins adding the same one at once: the database keeps one, the other is told. */
  async add(
    workspaceId: string,
    label: string,
    words: readonly string[],
    by?: string,
  ): Promise<ReasonChange> {
    const change = newReason(await this.fresh(workspaceId), label, words);
    await this.store.workspaces.settings(workspaceId);
    const added = await this.store.reasons.add(workspaceId, change, by);
    this.cache.delete(workspaceId);
    if (!added) throw new ReasonChangeError(`There is already a reason called “${change.label}”.`);
    return change;
  }

  /** Renames a reason; past outcomes keep it (they store its id) and its old name still maps replies. */
  async rename(
    workspaceId: string,
    which: string,
    label: string,
    by?: string,
  ): Promise<{ from: string; change: ReasonChange }> {
    const taxonomy = await this.fresh(workspaceId);
    const change = renamedReason(taxonomy, which, label);
    await this.store.workspaces.settings(workspaceId);
    await this.store.reasons.rename(workspaceId, change, by);
    this.cache.delete(workspaceId);
    return { from: taxonomy.label(change.id), change };
  }

  /** Changes are validated against what is stored now, not a cached copy. */
  private fresh(workspaceId: string): Promise<ReasonTaxonomy> {
    this.cache.delete(workspaceId);
    return this.taxonomy(workspaceId);
  }
}
