import type { NewCheck } from "../domain/checks.js";
import { hasHistory, historyFacts } from "../domain/memory/facts.js";
import { type LeadHistory, type PriorCheck, repeatedCheck } from "../domain/memory/history.js";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import { type RowResult, rowVerdict } from "./bulkTriage.js";
import { asHistory, type LeadMemory } from "./leadMemory.js";
import type { PriorChecks } from "./ports/index.js";
import type { Where } from "./recordTriage.js";
import { decideCheck } from "./triageLead.js";

/** What the memory says of one row: the workspace's history before the file, and the check it repeats (an earlier
 * check of the same person within 30 days, else an earlier row of the same person in this file). */
export interface RowHistory {
  history: LeadHistory;
  repeatOf?: PriorCheck;
  /** The file line of the earlier row of the same person. */
  repeatOfLine?: number;
}

/** The lead memory for the rows of one file. Rows are judged (on the threads) as having no history; here each
 * batch's histories are read in one round trip, the rows that have one are judged again with it, and each row's
 * check is marked as a repeat where it is one. The file's own rows are never read back from the database (they
 * are kept while it runs): only checks made before the file count as history, so the answer does not depend on
 * how fast rows are written. */
export class FileMemory {
  /** Each person's first row in this file. */
  private readonly seen = new Map<string, { id: string; line: number }>();
  /** What was known before the file, per person and per company, read once: a file repeats its companies. */
  private readonly persons = new Map<string, PriorChecks["person"]>();
  private readonly companies = new Map<string, PriorChecks["company"]>();
  private seenBefore: Promise<Set<string> | undefined> | undefined;

  constructor(
    private readonly memory: LeadMemory,
    private readonly where: Where,
    private readonly rules: CompiledRuleSet,
    private readonly retentionDays: number,
    /** When the file began: the history is what was known then. */
    private readonly startedAt: Date,
  ) {}

  /** The rows' histories, in order (undefined for a row that was not triaged); `results` are updated in place:
   * a row with a history gets the verdict that history gives, and every row's check keeps its repeat. Every
   * record must already have its id. */
  async apply(
    rows: readonly { text: string; line: number }[],
    results: RowResult[],
  ): Promise<(RowHistory | undefined)[]> {
    const records = results.map((r) => ("record" in r ? r.record : undefined));
    await this.readUnknown(records);
    return records.map((record, i) => {
      if (record === undefined) return undefined;
      const row = rows[i] as { text: string; line: number };
      const prior = {
        person: record.personKey ? this.persons.get(record.personKey) : undefined,
        company: record.companyKey ? this.companies.get(record.companyKey) : undefined,
      };
      const label = typeof record.facts.company === "string" ? record.facts.company : undefined;
      const history = asHistory(prior, label, record.companyKey);
      const facts = historyFacts(history, this.startedAt);
      let kept = record;
      if (hasHistory(facts)) {
        const { verdict, record: judged } = decideCheck(
          this.where,
          row.text,
          this.rules,
          this.retentionDays,
          facts,
        );
        kept = { ...judged, id: record.id, personKey: record.personKey, companyKey: record.companyKey };
        results[i] = { verdict: rowVerdict(verdict), record: kept };
      }
      const repeatOf = repeatedCheck(history, this.startedAt);
      const first = record.personKey ? this.seen.get(record.personKey) : undefined;
      if (record.personKey && first === undefined)
        this.seen.set(record.personKey, { id: record.id as string, line: row.line });
      if (repeatOf) kept.repeatOf = repeatOf.id;
      else if (first) kept.repeatOf = first.id;
      return {
        history,
        ...(repeatOf ? { repeatOf } : {}),
        ...(!repeatOf && first ? { repeatOfLine: first.line } : {}),
      };
    });
  }

  /** Reads what was known of the batch's people and companies not read yet. */
  private async readUnknown(records: readonly (NewCheck | undefined)[]): Promise<void> {
    const persons = new Set<string>();
    const companies = new Set<string>();
    for (const record of records) {
      if (record?.personKey && !this.persons.has(record.personKey)) persons.add(record.personKey);
      if (record?.companyKey && !this.companies.has(record.companyKey)) companies.add(record.companyKey);
    }
    if (persons.size === 0 && companies.size === 0) return;
    // Read once per file: which people the workspace had seen (none for a first import), so a batch of new people
    // costs no query; a workspace with very many is probed batch by batch instead.
    this.seenBefore ??= this.memory.personKeysBefore(this.where.workspaceId, this.startedAt);
    const seen = await this.seenBefore;
    const found = await this.memory.priorParts(
      this.where.workspaceId,
      [...persons],
      [...companies],
      this.startedAt,
      seen,
    );
    for (const [key, part] of found.persons) this.persons.set(key, part);
    for (const [key, part] of found.companies) this.companies.set(key, part);
  }
}
