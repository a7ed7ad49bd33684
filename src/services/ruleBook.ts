import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { PrismaClient } from "../store/generated/client.js";
import { activeRuleSet } from "../store/ruleSets.js";

/** The compiled rule set each workspace triages with: its active published version, or the default pack
 * until it publishes one. Compiled once per version and cached. */
export class RuleBook {
  private readonly cache = new Map<string, { version: number; rules: CompiledRuleSet }>();
  private readonly defaults: CompiledRuleSet;

  constructor(
    private readonly prisma: PrismaClient,
    defaultPack: RuleSet,
  ) {
    this.defaults = compileRuleSet(defaultPack);
  }

  /** `activeVersion`, when the caller already read it with the workspace, spares a query when cached. */
  async rulesFor(workspaceId: string, activeVersion?: number | null): Promise<CompiledRuleSet> {
    if (activeVersion === null) return this.defaults;
    const cached = this.cache.get(workspaceId);
    if (activeVersion !== undefined && cached?.version === activeVersion) return cached.rules;
    const stored = await activeRuleSet(this.prisma, workspaceId);
    if (stored === undefined) return this.defaults;
    if (cached?.version === stored.version) return cached.rules;
    const rules = compileRuleSet(validateRuleSet(stored.document, `rule set v${stored.version}`));
    this.cache.set(workspaceId, { version: stored.version, rules });
    return rules;
  }
}
