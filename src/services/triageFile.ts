import { randomUUID } from "node:crypto";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import { type RowResult, type RowSetup, type RowVerdict, triageRows } from "./bulkTriage.js";
import { FileMemory, type RowHistory } from "./fileMemory.js";
import { recordId } from "./recordIds.js";
import type { Where } from "./recordTriage.js";
import type { RowTriagePool } from "./rowTriagePool.js";
import { rulesInForce, type TriageServices } from "./triageLead.js";

/** A row of a file to triage: its lead text and the file line where it starts. */
export interface FileRow {
  text: string;
  line: number;
}

/** A row's answer: its verdict and, when the lead memory was read, what the team knew of it; or why the row
 * could not be triaged. */
export type FileRowAnswer = { verdict: RowVerdict; history?: RowHistory } | { error: string };

/** Triages one batch of a file's rows, in order. */
export type TriageBatch = (rows: readonly FileRow[]) => Promise<FileRowAnswer[]>;

export interface KeptFileOptions {
  /** A rule file the caller chose; else the workspace's rules in force. */
  override?: CompiledRuleSet | undefined;
  /** The file's fingerprint when resuming: each row's check id comes from it and the row's line, so rows kept by
   * an earlier (stopped) run are not kept twice. */
  fingerprint?: string | undefined;
  /** Worker threads that read the rows; configured here once the rules are known. */
  pool?: RowTriagePool | undefined;
  /** A row was triaged but its check could not be kept (the database stayed down). */
  onNotKept?: (line: number) => void;
}

export interface KeptFileSummary {
  /** Rows triaged whose check could not be kept. */
  notKept: number;
  /** With a fingerprint: rows an earlier run had kept already (not kept again). */
  alreadyKept: number;
}

/** Rows judged with `rules` and nothing kept (`check --file --no-save`), on the pool's threads when given. */
export function unsavedFileTriage(rules: CompiledRuleSet, where: Where, pool?: RowTriagePool): TriageBatch {
  const setup: RowSetup = { where, retentionDays: 0, keep: false };
  pool?.configure(rules.ruleSet, setup);
  return async (rows) => {
    const results = await judge(rows, rules, setup, pool);
    return results.map((r) => ("error" in r ? r : { verdict: r.verdict }));
  };
}

/** `check --file` with the checks kept: every row triaged with the workspace's rules in force (or the override)
 * and its history as it stood when the file began, each check handed to the writer, reading paused while the
 * writer catches up. `read` drives the file (parsing and writing it is the caller's) with the batch function it
 * is given; when it is done every check is written (or counted as not kept). */
export async function triageKeptFile<T>(
  services: {
    triage: TriageServices & { close(ms: number): Promise<void> };
    /** How many checks the workspace has kept (for a resumed file's count of rows kept before). */
    countChecks(workspaceId: string): Promise<number>;
  },
  where: Where,
  options: KeptFileOptions,
  read: (triageBatch: TriageBatch) => Promise<T>,
): Promise<{ result: T } & KeptFileSummary> {
  const { triage } = services;
  const { rules, retentionDays } = await rulesInForce(triage, where.workspaceId, options.override);
  const memory = triage.memory;
  const setup: RowSetup = {
    where,
    retentionDays,
    keep: true,
    ...(memory ? { memory: { hashKey: await memory.hashKey() } } : {}),
  };
  options.pool?.configure(rules.ruleSet, setup);
  const files = memory ? new FileMemory(memory, where, rules, retentionDays, new Date()) : undefined;
  const { fingerprint } = options;
  const idFor = (line: number) =>
    fingerprint ? recordId(where.workspaceId, `${fingerprint}:${line}`, "row") : randomUUID();
  const before = fingerprint ? await services.countChecks(where.workspaceId) : 0;
  let handedIn = 0;
  let notKept = 0;

  const triageBatch: TriageBatch = async (rows) => {
    const results = await judge(rows, rules, setup, options.pool);
    results.forEach((r, i) => {
      if ("record" in r && r.record) r.record.id = idFor((rows[i] as FileRow).line);
    });
    const histories = files ? await files.apply(rows, results) : [];
    results.forEach((r, i) => {
      if (!("record" in r) || !r.record) return;
      const line = (rows[i] as FileRow).line;
      handedIn++;
      void triage.writer.keep(r.record).stored.then((stored) => {
        if (stored) return;
        notKept++;
        options.onNotKept?.(line);
      });
    });
    // Back-pressure: a file can be read far faster than it is written.
    await triage.writer.room();
    return results.map((r, i) => {
      if ("error" in r) return r;
      const history = histories[i];
      return history ? { verdict: r.verdict, history } : { verdict: r.verdict };
    });
  };

  let result: T;
  try {
    result = await read(triageBatch);
  } finally {
    await triage.close(10_000);
  }
  const kept = fingerprint ? (await services.countChecks(where.workspaceId)) - before : 0;
  // A resumed row's check has the id an earlier run gave it: the database keeps one, so it is not counted again.
  const alreadyKept = fingerprint ? handedIn - notKept - kept : 0;
  return { result, notKept, alreadyKept };
}

function judge(
  rows: readonly FileRow[],
  rules: CompiledRuleSet,
  setup: RowSetup,
  pool: RowTriagePool | undefined,
): Promise<RowResult[]> | RowResult[] {
  const texts = rows.map((r) => r.text);
  return pool ? pool.triage(texts) : triageRows(texts, rules, setup);
}
