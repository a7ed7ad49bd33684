import { EXIT_USAGE, UserError } from "../domain/errors.js";
import { describeChange, diffRuleSets } from "../domain/personas/diff.js";
import { validateRuleSet } from "../domain/personas/load.js";
import type { Rule, RuleSet } from "../domain/personas/schema.js";
import { applySuggestion } from "../domain/refine/apply.js";
import { type BacktestResult, describeBacktest } from "../domain/refine/backtest.js";
import { describeSuggestion } from "../domain/refine/describe.js";
import { changedMaterially, suggestionKey } from "../domain/refine/lifecycle.js";
import type { Evidence, Suggestion } from "../domain/refine/suggest.js";
import { BACKTEST_DAYS, type BacktestService } from "./backtest.js";
import type { Repositories, StoredSuggestion } from "./ports/index.js";
import type { RefinementService } from "./refinement.js";
import type { RuleBook } from "./ruleBook.js";

/** A suggestion waiting for an admin, with what it rests on in words. */
export interface PendingSuggestion {
  id: string;
  suggestion: Suggestion;
  backtest: BacktestResult;
  summary: string;
  backtestLine: string;
  ruleSetVersion: number | null;
  /** When it was first suggested. */
  createdAt: Date;
}

/** What is stored as a suggestion's proposal. */
interface Proposal {
  suggestion: Suggestion;
  backtest: BacktestResult;
  summary: string;
  backtestLine: string;
}

/** A hand-made change rests on an admin's judgement, not on outcomes. */
const NO_EVIDENCE: Evidence = {
  support: 0,
  bad: 0,
  badRate: 0,
  baseRate: 0,
  bound: 0,
  pValue: 1,
  reasons: [],
  examples: [],
};

export class SuggestionDecisionError extends UserError {
  constructor(message: string) {
    super(message, "suggestion_decision", EXIT_USAGE);
  }
}

/** A stored open suggestion as the Slack views show it. */
export function pendingSuggestion(row: StoredSuggestion): PendingSuggestion {
  const p = row.proposal as Proposal;
  return { id: row.id, ...p, ruleSetVersion: row.ruleSetVersion, createdAt: row.createdAt };
}

function alreadyDecided(row: StoredSuggestion): SuggestionDecisionError {
  const by = row.decidedBy ? ` by <@${row.decidedBy}>` : "";
  const what =
    row.status === "approved"
      ? `approved${by}${row.publishedVersion ? ` (rule set v${row.publishedVersion})` : ""}`
      : `${row.status}${by}`;
  return new SuggestionDecisionError(`That suggestion was already ${what}.`);
}

/** The lifecycle of suggestions: refreshed from the outcomes (a dismissed one stays dismissed until its
 * evidence changes materially), approved by an admin into a new rule-set version, or dismissed with a
 * reason. Nothing changes the rules without an admin's approval. */
export class SuggestionService {
  constructor(
    private readonly store: Pick<Repositories, "suggestions" | "ruleSets">,
    private readonly refinement: RefinementService,
    private readonly ruleBook: RuleBook,
    private readonly backtests: BacktestService,
    /** How a user of this surface gets fresh suggestions, for the messages that send them there. */
    private readonly refreshHint = "`/triage refine`",
  ) {}

  /** A hand-made rule change: validated against the rules in force (a change that would break them is
   * refused with the reason), backtested, and kept as an open suggestion that an admin approves like any
   * other. Nothing changes until then. */
  async propose(
    workspaceId: string,
    change: { persona: string; newPersona?: { name: string; description: string }; rule: Rule },
    by: string,
  ): Promise<PendingSuggestion> {
    const active = await this.ruleBook.activeRuleSet(workspaceId);
    const suggestion: Suggestion = {
      kind: "set_rule",
      persona: change.persona,
      rule: change.rule.id,
      set: { ...change.rule, provenance: "manual" },
      by,
      ...(change.newPersona ? { newPersona: change.newPersona } : {}),
      evidence: NO_EVIDENCE,
    };
    const candidate = validateRuleSet(applySuggestion(active.document, suggestion), "the changed rules");
    return this.keep(
      workspaceId,
      suggestion,
      active.version,
      candidate,
      `${suggestion.persona}/${suggestion.rule}`,
    );
  }

  /** Recomputes the workspace's suggestions and stores them as its open ones. */
  async refresh(
    workspaceId: string,
    options: { minSupport?: number } = {},
  ): Promise<{ pending: PendingSuggestion[]; outcomes: number; ruleSetVersion: number }> {
    const [refinement, dismissals] = await Promise.all([
      this.refinement.suggest(workspaceId, options),
      this.store.suggestions.latestDismissals(workspaceId),
    ]);
    const dismissed = new Map(dismissals.map((d) => [d.key, d.evidence as Evidence]));
    const items = refinement.suggestions.flatMap(({ suggestion, backtest }) => {
      const key = suggestionKey(suggestion);
      const seen = dismissed.get(key);
      if (seen && !changedMaterially(seen, suggestion.evidence)) return [];
      const proposal: Proposal = {
        suggestion,
        backtest,
        summary: describeSuggestion(suggestion, refinement.reasonLabel),
        backtestLine: describeBacktest(backtest, BACKTEST_DAYS),
      };
      return [
        {
          key,
          kind: suggestion.kind,
          ruleRef: "rule" in suggestion ? `${suggestion.persona}/${suggestion.rule}` : null,
          proposal,
          evidence: suggestion.evidence,
          ruleSetVersion: refinement.basis.ruleSetVersion,
        },
      ];
    });
    await this.store.suggestions.replaceOpen(workspaceId, items);
    // In the refinement's order (new rules first, the strongest evidence first); hand-made changes after.
    const rank = new Map(items.map((item, i) => [item.key, i]));
    const at = (p: PendingSuggestion) => rank.get(suggestionKey(p.suggestion)) ?? items.length;
    return {
      pending: (await this.store.suggestions.open(workspaceId))
        .map(pendingSuggestion)
        .sort((a, b) => at(a) - at(b)),
      outcomes: refinement.basis.outcomes,
      ruleSetVersion: refinement.basis.ruleSetVersion,
    };
  }

  /** The open suggestions as last refreshed (no recomputation). */
  async open(workspaceId: string): Promise<PendingSuggestion[]> {
    return (await this.store.suggestions.open(workspaceId)).map(pendingSuggestion);
  }

  /** A whole rule set imported from a file: compared with the rules in force (a file that changes nothing
   * is refused), backtested, and kept for an admin's approval like any other change. */
  async proposeRuleSet(workspaceId: string, document: RuleSet, by: string): Promise<PendingSuggestion> {
    const active = await this.ruleBook.activeRuleSet(workspaceId);
    const candidate = validateRuleSet(document, "the imported rules");
    const changes = diffRuleSets(active.document, candidate).map(describeChange);
    if (changes.length === 0)
      throw new SuggestionDecisionError(
        `That file is the rules in force already (v${active.version}): nothing to change.`,
      );
    const suggestion: Suggestion = {
      kind: "replace_rules",
      persona: "*",
      document: candidate,
      by,
      changes,
      evidence: NO_EVIDENCE,
    };
    return this.keep(workspaceId, suggestion, active.version, candidate, "*");
  }

  private async keep(
    workspaceId: string,
    suggestion: Suggestion,
    version: number,
    candidate: RuleSet,
    ruleRef: string,
  ): Promise<PendingSuggestion> {
    const [backtest] = await this.backtests.run(workspaceId, [candidate]);
    const proposal: Proposal = {
      suggestion,
      backtest: backtest as BacktestResult,
      summary: describeSuggestion(suggestion, (r) => r),
      backtestLine: describeBacktest(backtest as BacktestResult, BACKTEST_DAYS),
    };
    const row = await this.store.suggestions.add(workspaceId, {
      key: suggestionKey(suggestion),
      kind: suggestion.kind,
      ruleRef,
      proposal,
      evidence: suggestion.evidence,
      ruleSetVersion: version,
    });
    if (row === null) throw new Error("the proposed change was not kept");
    return pendingSuggestion(row);
  }

  /** Publishes the suggestion as a new rule-set version. The claim comes first, so two admins approving at
   * once publish once; a publish that fails puts the suggestion back. */
  async approve(workspaceId: string, id: string, by: string): Promise<{ version: number; summary: string }> {
    const row = await this.found(workspaceId, id);
    if (row.status !== "open") throw alreadyDecided(row);
    if (!(await this.store.suggestions.decide(row.id, { status: "approved", by })))
      throw alreadyDecided((await this.store.suggestions.find(workspaceId, id)) ?? row);
    const { suggestion, summary } = row.proposal as Proposal;
    try {
      const active = await this.ruleBook.activeRuleSet(workspaceId);
      let next: ReturnType<typeof applySuggestion>;
      try {
        next = validateRuleSet(applySuggestion(active.document, suggestion), "the approved rule set");
      } catch {
        throw new SuggestionDecisionError(
          `The rules changed since this was suggested (they are at v${active.version} now), so it no longer applies. Run ${this.refreshHint} for fresh suggestions.`,
        );
      }
      const { version: _, ...document } = next;
      const version = await this.store.ruleSets.publish(workspaceId, {
        document,
        author: by,
        note: summary.slice(0, 1_000),
        provenance:
          suggestion.kind === "set_rule"
            ? "manual"
            : `suggested from ${suggestion.evidence.support} outcomes`,
      });
      await this.store.suggestions.settleApproval(row.id, version);
      return { version, summary };
    } catch (e) {
      await this.store.suggestions.settleApproval(row.id, null);
      throw e;
    }
  }

  /** Dismisses it with the admin's reason; it stays dismissed until its evidence changes materially. */
  async dismiss(workspaceId: string, id: string, by: string, note: string): Promise<string> {
    const row = await this.found(workspaceId, id);
    if (row.status !== "open") throw alreadyDecided(row);
    if (!(await this.store.suggestions.decide(row.id, { status: "dismissed", by, note: note.slice(0, 500) })))
      throw alreadyDecided((await this.store.suggestions.find(workspaceId, id)) ?? row);
    return (row.proposal as Proposal).summary;
  }

  private async found(workspaceId: string, id: string): Promise<StoredSuggestion> {
    const row = await this.store.suggestions.find(workspaceId, id);
    if (row === undefined)
      throw new SuggestionDecisionError(
        `I can't find that suggestion in this workspace. Run ${this.refreshHint} again.`,
      );
    return row;
  }
}

/** Refreshes the suggestions of every workspace (the weekly job); one workspace's failure does not stop the
 * others. Resolves to how many workspaces now have open suggestions. */
export async function refreshAllSuggestions(
  workspaceIds: readonly string[],
  suggestions: Pick<SuggestionService, "refresh">,
  onError: (workspaceId: string, e: unknown) => void,
): Promise<{ workspaces: number; withSuggestions: number }> {
  let withSuggestions = 0;
  for (const id of workspaceIds) {
    try {
      if ((await suggestions.refresh(id)).pending.length > 0) withSuggestions++;
    } catch (e) {
      onError(id, e);
    }
  }
  return { workspaces: workspaceIds.length, withSuggestions };
}
