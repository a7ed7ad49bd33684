import type { NewCheck } from "../domain/checks.js";
import { UserError } from "../domain/errors.js";
import { NO_HISTORY } from "../domain/memory/facts.js";
import { leadIdentity } from "../domain/memory/identity.js";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import type { Decision, Verdict } from "../domain/personas/verdict.js";
import { personKeyWith } from "./leadMemory.js";
import type { Where } from "./recordTriage.js";
import { triageText } from "./triage.js";
import { decideCheck } from "./triageLead.js";

/** What a file's row needs of its verdict (the columns appended to it). */
export interface RowVerdict {
  decision: Decision;
  risk: number;
  redFlags: string[];
  missing: string[];
  /** What the team knew of the lead before (one line), when the memory was read. */
  history?: string;
}

/** Who triages the rows, how long their text is kept, and whether check records are built. */
export interface RowSetup {
  where: Where;
  retentionDays: number;
  keep: boolean;
  /** With the lead memory: each record gets its person key, and each row is judged as having no history; the
   * main thread judges again the few rows that have one (FileMemory). */
  memory?: { hashKey: Uint8Array };
}

/** A triaged row: its verdict and, when checks are kept, the check to keep; or why it could not be triaged. */
export type RowResult = { verdict: RowVerdict; record?: NewCheck } | { error: string };

/** Triages a batch of a file's rows with the rules in force: the same decision as a paste (decideCheck),
 * row by row; a row that cannot be triaged says why instead of stopping the file. Without `keep` (the file
 * is triaged, not saved) no check record is built.
 * A large file's batches run on worker threads (RowTriagePool), each calling this. */
export function triageRows(texts: readonly string[], rules: CompiledRuleSet, setup: RowSetup): RowResult[] {
  return texts.map((text) => {
    try {
      if (!setup.keep) return { verdict: rowVerdict(triageText(text, rules).verdict) };
      const { lead, verdict, record } = decideCheck(
        setup.where,
        text,
        rules,
        setup.retentionDays,
        setup.memory ? NO_HISTORY : undefined,
      );
      const email = setup.memory && leadIdentity(lead).email;
      if (setup.memory && email) record.personKey = personKeyWith(setup.memory.hashKey, email);
      return { verdict: rowVerdict(verdict), record };
    } catch (e) {
      if (e instanceof UserError) return { error: e.message };
      throw e;
    }
  });
}

export function rowVerdict(verdict: Verdict): RowVerdict {
  return {
    decision: verdict.decision,
    risk: verdict.risk,
    redFlags: verdict.matches.map((m) => m.reason),
    missing: verdict.missing,
  };
}
