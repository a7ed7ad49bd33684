import { stringify } from "yaml";
import { EXIT_USAGE, UserError } from "../domain/errors.js";
import { diffRuleSets, type RuleSetChange } from "../domain/personas/diff.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { RuleSetRepository } from "./ports/index.js";
import type { RuleBook } from "./ruleBook.js";

export interface RuleOverview {
  version: number;
  provenance: string;
  author: string | null;
  publishedAt: Date | null;
  days: number;
  thresholds: RuleSet["thresholds"];
  personas: {
    id: string;
    name: string;
    kind: "anti" | "ideal";
    rules: {
      id: string;
      weight: number | "exclude";
      provenance: string;
      checks: number;
      won: number;
      lost: number;
    }[];
  }[];
}

export class RuleSetVersionError extends UserError {
  constructor(message: string) {
    super(message, "rule_set_version", EXIT_USAGE);
  }
}

/** Versions of a workspace's rules: history, export, diff, publish and restore. Every publish is a new
 * version with who did it; versions are never edited, so any can be restored. */
export class RuleSetService {
  constructor(
    private readonly store: { ruleSets: RuleSetRepository },
    private readonly ruleBook: RuleBook,
  ) {}

  history(workspaceId: string) {
    return this.store.ruleSets.history(workspaceId);
  }

  /** The rules in force, persona by persona, each rule with how often it fired in the last `days` and how
   * those leads ended so far. */
  async overview(workspaceId: string, days = 90, now = new Date()): Promise<RuleOverview> {
    const [active, stats, history] = await Promise.all([
      this.ruleBook.activeRuleSet(workspaceId),
      this.store.ruleSets.stats(workspaceId, new Date(now.getTime() - days * 86_400_000), now),
      this.store.ruleSets.history(workspaceId),
    ]);
    const byRule = new Map(stats.map((s) => [s.rule, s]));
    const version = history.find((h) => h.version === active.version);
    return {
      version: active.version,
      provenance: version?.provenance ?? "default pack",
      author: version?.author ?? null,
      publishedAt: version?.createdAt ?? null,
      days,
      thresholds: active.document.thresholds,
      personas: active.document.personas.map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        rules: p.rules.map((r) => {
          const s = byRule.get(`${p.id}/${r.id}`);
          return {
            id: r.id,
            weight: r.exclude ? ("exclude" as const) : (r.weight ?? 0),
            provenance: r.provenance,
            checks: s?.checks ?? 0,
            won: s?.won ?? 0,
            lost: s?.lost ?? 0,
          };
        }),
      })),
    };
  }

  /** A version's document (the one in force when no version is given), validated. */
  async document(workspaceId: string, version?: number): Promise<RuleSet> {
    if (version === undefined) return (await this.ruleBook.activeRuleSet(workspaceId)).document;
    const stored = await this.store.ruleSets.version(workspaceId, version);
    if (stored === undefined)
      throw new RuleSetVersionError(`there is no rule set v${version} in this workspace`);
    return validateRuleSet(stored.document, `rule set v${version}`);
  }

  /** The rules as a YAML file a team can edit and publish again. */
  async exportYaml(workspaceId: string, version?: number): Promise<string> {
    const doc = await this.document(workspaceId, version);
    return `# Lead Triage rules of workspace ${workspaceId}, version ${doc.version}. Edit, then: lead-triage rules publish FILE\n${stringify(doc, { lineWidth: 110 })}`;
  }

  async diff(workspaceId: string, from: number, to?: number): Promise<RuleSetChange[]> {
    return diffRuleSets(await this.document(workspaceId, from), await this.document(workspaceId, to));
  }

  /** Publishes a rule set as the next version; refused when it changes nothing. */
  async publish(
    workspaceId: string,
    candidate: RuleSet,
    publish: { author?: string; note?: string; provenance?: string } = {},
  ): Promise<{ version: number; changes: RuleSetChange[] }> {
    const current = await this.document(workspaceId);
    const next = validateRuleSet(candidate, "the rules to publish");
    const changes = diffRuleSets(current, next);
    if (changes.length === 0)
      throw new RuleSetVersionError(
        `nothing to publish: these rules are the ones in force (v${current.version})`,
      );
    const { version: _, ...document } = next;
    const version = await this.store.ruleSets.publish(workspaceId, {
      document,
      ...(publish.author ? { author: publish.author } : {}),
      ...(publish.note ? { note: publish.note.slice(0, 1_000) } : {}),
      provenance: publish.provenance ?? "manual",
    });
    return { version, changes };
  }

  /** Makes an old version the rules in force again, as a new version (history is never rewritten). */
  async restore(workspaceId: string, version: number, author?: string) {
    const old = await this.document(workspaceId, version);
    return this.publish(workspaceId, old, {
      ...(author ? { author } : {}),
      note: `restored from v${version}`,
    });
  }
}
