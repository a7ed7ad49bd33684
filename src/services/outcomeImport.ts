import { csvRowToLeadText } from "../domain/lead/csv.js";
import { CRM_COLUMNS, findColumn, type MappedStatus, StatusReader } from "../domain/outcomes/crm.js";
import type { OutcomeKind } from "../domain/outcomes/kinds.js";
import type { ReasonTaxonomy } from "../domain/outcomes/taxonomy.js";
import type { OutcomeRepository } from "./ports/index.js";
import { recordId } from "./recordIds.js";
import { type TriageServices, triageLead } from "./triageLead.js";

export interface ImportColumns {
  status: number;
  reason: number;
  id: number;
  date: number;
}

export interface ImportSummary {
  imported: number;
  open: number;
  /** Leads imported without an outcome because their status could not be read with confidence. */
  unread: number;
  byOutcome: Partial<Record<OutcomeKind, number>>;
  /** By reason id of the workspace's taxonomy, "none" for rows without one. */
  byReason: Record<string, number>;
  /** Rows whose reason the optional LLM read (the synonyms could not). */
  reasonsByModel?: number;
  /** Each distinct status of the file (as spelled there), what it became ("unknown": the lead imported
   * without an outcome) and on how many rows. */
  statuses: Map<string, { became: MappedStatus | "unknown"; rows: number }>;
}

export function emptyImportSummary(): ImportSummary {
  return { imported: 0, open: 0, unread: 0, byOutcome: {}, byReason: {}, statuses: new Map() };
}

/** Where the status, reason, record id and date are; undefined status means the file cannot be imported. */
export function importColumns(
  headers: readonly string[],
  overrides: { status?: string; reason?: string } = {},
): ImportColumns {
  return {
    status: findColumn(headers, CRM_COLUMNS.status, overrides.status),
    reason: findColumn(headers, CRM_COLUMNS.reason, overrides.reason),
    id: findColumn(headers, CRM_COLUMNS.id),
    date: findColumn(headers, CRM_COLUMNS.date),
  };
}

/** Imports a team's CRM history: each row is triaged with the rules in force (a check marked "import", dated
 * as the row) and its outcome recorded; open leads come in without one. Idempotent: a record's check and
 * outcome ids come from the record (its id column, or its whole row), so a second import adds nothing, and
 * an outcome never overrides one a rep reported. */
export class OutcomeImporter {
  readonly summary: ImportSummary = emptyImportSummary();
  /** Rows triaged whose check could not be kept (the database stayed down); settled once flushed. */
  notKept = 0;
  private pending: Parameters<OutcomeRepository["importMany"]>[0] = [];

  constructor(
    private readonly store: { outcomes: Pick<OutcomeRepository, "importMany"> },
    private readonly triage: TriageServices,
    private readonly workspaceId: string,
    private readonly headers: readonly string[],
    private readonly columns: ImportColumns,
    private readonly reasons: ReasonTaxonomy,
    /** Reason texts the optional LLM mapped to reason ids, for texts the synonyms cannot read. */
    private readonly mapped: ReadonlyMap<string, string> = new Map(),
    private readonly statuses: StatusReader = new StatusReader(),
  ) {}

  /** What a row's status became, counted per distinct status for the summary. */
  private readStatus(raw: string): MappedStatus | undefined {
    const reading = this.statuses.read(raw);
    const seen = this.summary.statuses;
    const entry = seen.get(raw) ?? { became: reading ?? "unknown", rows: 0 };
    entry.rows++;
    seen.set(raw, entry);
    return reading;
  }

  /** One row. A status that cannot be read with confidence imports the lead without an outcome (counted in
   * `unread`, listed in `statuses`): run again with a status map and the outcomes are added, nothing twice. */
  async add(fields: readonly string[]): Promise<void> {
    const status = this.readStatus((fields[this.columns.status] ?? "").trim());
    if (status === "skip") return;
    const outcomeColumns = new Set([this.columns.status, this.columns.reason]);
    const lead = Object.fromEntries(
      this.headers.map((h, i) => [h, outcomeColumns.has(i) ? "" : (fields[i] ?? "")] as const),
    );
    const key =
      this.columns.id >= 0 && fields[this.columns.id]
        ? (fields[this.columns.id] as string)
        : fields.join("\u0001");
    const checkId = recordId(this.workspaceId, key, "check");
    const date = this.columns.date >= 0 ? Date.parse(fields[this.columns.date] ?? "") : Number.NaN;
    const triaged = await triageLead(
      this.triage,
      {
        id: checkId,
        workspaceId: this.workspaceId,
        inputKind: "import",
        ...(Number.isFinite(date) ? { createdAt: new Date(date) } : {}),
      },
      csvRowToLeadText(lead),
    );
    void triaged.stored.then((stored) => {
      if (!stored) this.notKept++;
    });
    if (status === undefined) {
      this.summary.unread++;
    } else if (status === "open") {
      this.summary.open++;
    } else {
      const words = this.columns.reason >= 0 ? (fields[this.columns.reason] ?? "").trim() : "";
      const found = status === "won" ? undefined : this.reasons.find(words);
      const byModel = status === "won" || found ? undefined : this.mapped.get(words);
      const reason = found ?? byModel;
      if (byModel) this.summary.reasonsByModel = (this.summary.reasonsByModel ?? 0) + 1;
      this.pending.push({
        id: recordId(this.workspaceId, key, "outcome"),
        checkId,
        kind: status,
        ...(reason ? { reason } : {}),
        ...(words ? { repWords: words } : {}),
        ...(Number.isFinite(date) ? { at: new Date(date) } : {}),
      });
      this.summary.byOutcome[status] = (this.summary.byOutcome[status] ?? 0) + 1;
      const r = reason ?? "none";
      this.summary.byReason[r] = (this.summary.byReason[r] ?? 0) + 1;
    }
    this.summary.imported++;
    if (this.pending.length >= 500) await this.flush();
    else await this.triage.writer.room();
  }

  /** Writes the checks handed in, then their outcomes (which need the checks to exist). */
  async flush(): Promise<void> {
    await this.triage.writer.flush();
    const batch = this.pending;
    this.pending = [];
    await this.store.outcomes.importMany(batch);
  }
}
