import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { StoredRuleSet } from "../domain/workspace.js";
import type { RuleSetRepository } from "./ports/index.js";

/** The compiled rule set each workspace triages with, compiled once per version and cached.
 *
 * A workspace that has not published rules adopts the default pack as its version 1, stored like any other
 * version: every verdict's rule-set version then names rules that are in the database, so a past verdict
 * can always be explained and replayed (and "v1" never means two different things). */
/** The rules a workspace adopts until it publishes its own: the pack, or how to read it (read only when a
 * workspace first needs it: most command-line runs never do, and reading it costs ~0.1 s). */
export type DefaultPack = RuleSet | (() => Promise<RuleSet>);

export class RuleBook {
  private readonly cache = new Map<string, { version: number; rules: CompiledRuleSet }>();
  private readonly versions = new Map<string, CompiledRuleSet>();

  constructor(
    private readonly ruleSets: Pick<RuleSetRepository, "active" | "version" | "adopt">,
    private readonly defaultPack: DefaultPack,
  ) {}

  /** `activeVersion` is what the caller read with the workspace's settings (possibly a few seconds old);
   * when the cache holds that version, no query is made. */
  async rulesFor(workspaceId: string, activeVersion: number | null): Promise<CompiledRuleSet> {
    const cached = this.cache.get(workspaceId);
    if (cached && (activeVersion === null || cached.version === activeVersion)) return cached.rules;
    const stored = (await this.ruleSets.active(workspaceId)) ?? (await this.adoptDefaultPack(workspaceId));
    if (cached?.version === stored.version) return cached.rules;
    const rules = compileRuleSet(validateRuleSet(stored.document, `rule set v${stored.version}`));
    this.cache.set(workspaceId, { version: stored.version, rules });
    return rules;
  }

  /** The document of the workspace's rules in force (the default pack until it publishes its own), validated. */
  async activeRuleSet(workspaceId: string): Promise<{ version: number; document: RuleSet }> {
    const stored = (await this.ruleSets.active(workspaceId)) ?? (await this.adoptDefaultPack(workspaceId));
    return {
      version: stored.version,
      document: validateRuleSet(stored.document, `rule set v${stored.version}`),
    };
  }

  /** A past version of a workspace's rules, compiled once (to replay the verdict a check was given). */
  async rulesForVersion(workspaceId: string, version: number): Promise<CompiledRuleSet | undefined> {
    const key = `${workspaceId}\u0000${version}`;
    const hit = this.versions.get(key);
    if (hit) return hit;
    const stored = await this.ruleSets.version(workspaceId, version);
    if (stored === undefined) return undefined;
    const rules = compileRuleSet(validateRuleSet(stored.document, `rule set v${version}`));
    if (this.versions.size >= 200) this.versions.clear();
    this.versions.set(key, rules);
    return rules;
  }

  private async adoptDefaultPack(workspaceId: string): Promise<StoredRuleSet> {
    const pack = typeof this.defaultPack === "function" ? await this.defaultPack() : this.defaultPack;
    const { version: _, ...document } = pack;
    await this.ruleSets.adopt(workspaceId, document, "default pack");
    const stored = await this.ruleSets.active(workspaceId);
    if (stored === undefined)
      throw new Error(`workspace ${workspaceId} has no active rule set after adopting the default pack`);
    return stored;
  }
}
