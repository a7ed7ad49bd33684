import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RuleSet } from "../domain/personas/schema.js";
import { installPaths } from "../installPaths.js";
import type { RowResult, RowSetup } from "./bulkTriage.js";

/** What the main thread sends a worker: the rules first, then batches of row texts. */
export type PoolRequest =
  | { kind: "rules"; ruleSet: RuleSet; setup: RowSetup }
  | { kind: "rows"; id: number; texts: readonly string[] };

/** A worker's answer to one batch: each row's result, or why the batch failed. */
export type PoolReply = { id: number; results: RowResult[] } | { id: number; failure: string };

/** The worker's module beside this one. */
const WORKER_FILE = installPaths.worker("services/rowTriageWorker");

/** Threads run the built modules only: run from the TypeScript sources (tsx), a thread cannot load them on
 * Node 20 (loader hooks do not reach worker threads), and files are triaged on the main thread. */
export const THREADS_AVAILABLE = WORKER_FILE.pathname.endsWith(".js");

/** Threads a large file is triaged on by default. One core stays with the main thread (reading and writing
 * the file, the database's work when saving) and at most four take the rows. Without saving, the main thread
 * has little to do beside them, so a single thread only moves the work (measured slower on 2 cores). */
export function defaultThreads(saving: boolean): number {
  if (!THREADS_AVAILABLE) return 0;
  const spare = Math.min(4, availableParallelism() - 1);
  return spare >= (saving ? 1 : 2) ? spare : 0;
}

interface Pending {
  resolve: (results: RowResult[]) => void;
  reject: (e: Error) => void;
}

/** Triages a file's batches of rows on worker threads, so parsing and rules run beside the main thread's
 * reading, writing and database work. Threads start loading when the pool is made (while the database
 * opens) and get their rules when they are known. Batches go to the thread with the fewest in flight. */
export class RowTriagePool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      // Rows are read one batch at a time and little outlives a batch: a small young generation holds it (a
      // 100,000-row file: 40 MB less at its peak, no slower, measured).
      const worker = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      const entry = { worker, pending: new Map<number, Pending>() };
      entry.worker.on("message", (reply: PoolReply) => {
        const waiting = entry.pending.get(reply.id);
        entry.pending.delete(reply.id);
        if ("failure" in reply) waiting?.reject(new Error(`a triage thread failed: ${reply.failure}`));
        else waiting?.resolve(reply.results);
      });
      entry.worker.on("error", (e) => this.fail(new Error(`a triage thread stopped: ${e.message}`)));
      // Any exit before close() fails the pool: a batch sent to a thread that is gone would wait forever.
      entry.worker.on("exit", (code) => this.fail(new Error(`a triage thread exited (code ${code})`)));
      return entry;
    });
  }

  /** The rules and setup every later batch is triaged with. */
  configure(ruleSet: RuleSet, setup: RowSetup): void {
    const request: PoolRequest = { kind: "rules", ruleSet, setup };
    for (const { worker } of this.workers) worker.postMessage(request);
  }

  triage(texts: readonly string[]): Promise<RowResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const entry = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = ++this.nextId;
    return new Promise<RowResult[]>((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      const request: PoolRequest = { kind: "rows", id, texts };
      entry.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error("the triage threads were closed"));
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const { pending } of this.workers) {
      for (const waiting of pending.values()) waiting.reject(e);
      pending.clear();
    }
  }
}
