import { randomUUID } from "node:crypto";
import type { MessageLink, NewCheck } from "../domain/checks.js";
import { errorSummary, type Logger } from "../logger.js";

/** What the writer needs of the store. */
export interface CheckSink {
  insert(checks: (NewCheck & { id: string })[]): Promise<unknown>;
  linkMessages(links: MessageLink[]): Promise<unknown>;
  /** True when the database answers: tells an outage (wait and retry) from a row it refuses (isolate). */
  ping(): Promise<boolean>;
  /** What a failed write says of itself: refused by the database as a whole (true: read-only after a
   * failover, shutting down… retried like an outage, though it answers a ping), by its rows (false), or
   * nothing (undefined: the ping decides). */
  refusedByDatabase?(e: unknown): boolean | undefined;
}

export interface CheckWriterOptions {
  maxBatch: number;
  /** How long a lone check waits for company before it is written. */
  maxDelayMs: number;
  /** How long a batch is retried while the database does not answer, before its checks are given up. */
  retryForMs: number;
  /** How long a check kept with `awaitLink` waits for its verdict's message before it is written without
   * it (a slow or failed post never holds a check longer than this). */
  linkWaitMs: number;
  /** Told of each check that could not be kept (after it is logged), e.g. to count them for a summary. */
  onLost?: (id: string, reason: string) => void;
}

export interface KeptCheck {
  id: string;
  /** True once stored; false when it could not be (logged once with its id and the reason). Never rejects. */
  stored: Promise<boolean>;
}

interface Pending {
  check: NewCheck & { id: string };
  settle: (stored: boolean) => void;
}

const DEFAULTS: CheckWriterOptions = { maxBatch: 100, maxDelayMs: 5, retryForMs: 60_000, linkWaitMs: 1_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps checks in small batches: under load one multi-row INSERT every few milliseconds costs far less than
 * one statement per verdict. Ids are made here, before anything is written or posted, so a verdict can carry
 * its check id. Nothing handed in is dropped silently: a batch is retried while the database is down, a batch
 * the database refuses is written row by row so one bad row cannot take the others with it, and a check that
 * still cannot be kept is logged with its id and the reason. */
export class CheckWriter {
  private buffer: Pending[] = [];
  /** Checks waiting (at most linkWaitMs) for the message that carries their verdict, oldest first. */
  private readonly awaiting = new Map<string, { pending: Pending; since: number }>();
  private sweep: NodeJS.Timeout | undefined;
  private links: MessageLink[] = [];
  private readonly buffered = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private unwritten = 0;
  private giveUpAt = Number.POSITIVE_INFINITY;
  private readonly options: CheckWriterOptions;

  constructor(
    private readonly sink: CheckSink,
    private readonly logger: Logger,
    options: Partial<CheckWriterOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Hands a check in; it is written in the next batch. With `awaitLink`, it first waits (at most
   * linkWaitMs) for `link` or `release`, so the usual verdict is one INSERT with its message ts rather than
   * an INSERT and an UPDATE. */
  keep(check: NewCheck, options: { awaitLink?: boolean } = {}): KeptCheck {
    const id = check.id ?? randomUUID();
    let settle: (stored: boolean) => void = () => undefined;
    const stored = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const pending: Pending = { check: { ...check, id }, settle };
    this.unwritten++;
    if (options.awaitLink) {
      this.awaiting.set(id, { pending, since: Date.now() });
      this.sweep ??= setInterval(
        () => this.releaseExpired(),
        Math.max(50, this.options.linkWaitMs / 4),
      ).unref();
    } else this.enqueue(pending);
    return { id, stored };
  }

  /** Records the message that carries a check's verdict. Merged into the insert when the check has not been
   * written yet (the usual case), otherwise written as a batched update after it. */
  link(link: MessageLink): void {
    const waiting = this.awaiting.get(link.id);
    const pending = waiting?.pending ?? this.buffered.get(link.id);
    if (pending) {
      Object.assign(pending.check, {
        channelId: link.channelId,
        messageTs: link.messageTs,
        threadTs: link.threadTs,
      });
      if (waiting) this.release(link.id);
      return;
    }
    this.links.push(link);
    this.schedule();
  }

  /** Stops waiting for a check's message (a failed post): it is written in the next batch. */
  release(id: string): void {
    if (this.unwait(id)) this.schedule();
  }

  private unwait(id: string): boolean {
    const waiting = this.awaiting.get(id);
    if (waiting === undefined) return false;
    this.awaiting.delete(id);
    this.enqueue(waiting.pending, false);
    return true;
  }

  private enqueue(pending: Pending, schedule = true): void {
    this.buffer.push(pending);
    this.buffered.set(pending.check.id, pending);
    if (schedule) this.schedule();
  }

  private releaseExpired(all = false): void {
    const cutoff = Date.now() - this.options.linkWaitMs;
    let released = false;
    for (const [id, waiting] of this.awaiting) {
      if (!all && waiting.since > cutoff) break; // oldest first: the rest are younger
      this.awaiting.delete(id);
      this.enqueue(waiting.pending, false);
      released = true;
    }
    if (this.awaiting.size === 0 && this.sweep) {
      clearInterval(this.sweep);
      this.sweep = undefined;
    }
    // flush() writes what was released; a timer sweep schedules it.
    if (released && !all) this.schedule();
  }

  /** Checks handed in and not yet written (for back-pressure in bulk imports). */
  get backlog(): number {
    return this.unwritten;
  }

  /** Resolves when the backlog is below `max` (a bulk import awaits this instead of each check). */
  async room(max = this.options.maxBatch * 4): Promise<void> {
    while (this.unwritten >= max) {
      this.flush();
      await this.chain;
    }
  }

  /** Writes what is buffered now; resolves when every check handed in so far that is not awaiting its
   * message is settled. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    for (const p of batch) this.buffered.delete(p.check.id);
    const links = this.links;
    this.links = [];
    if (batch.length > 0 || links.length > 0) {
      // Batches are written one after another, in order; a link always follows its check's insert.
      this.chain = this.chain.then(async () => {
        if (batch.length > 0) await this.writeChecks(batch);
        if (links.length > 0) await this.writeLinks(links);
      });
    }
    return this.chain;
  }

  /** Flushes, retrying for at most `ms` more while the database is down (shutdown). */
  close(ms: number): Promise<void> {
    this.giveUpAt = Date.now() + ms;
    // Shutting down: checks awaiting their message are written without it.
    this.releaseExpired(true);
    return this.flush();
  }

  private schedule(): void {
    if (this.buffer.length >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
  }

  private async writeChecks(batch: Pending[]): Promise<void> {
    const settle = (items: Pending[], stored: boolean) => {
      this.unwritten -= items.length;
      for (const p of items) p.settle(stored);
    };
    const outcome = await this.withRetry(() => this.sink.insert(batch.map((p) => p.check)));
    if (outcome === "done") return settle(batch, true);
    if (outcome === "down") {
      for (const p of batch) this.lost(p.check.id, "database unavailable", outcome);
      return settle(batch, false);
    }
    // The database answers but refused the batch: one row is at fault. Write each on its own.
    if (batch.length === 1) {
      this.lost((batch[0] as Pending).check.id, "refused by the database", outcome);
      return settle(batch, false);
    }
    for (const p of batch) await this.writeChecks([p]);
  }

  private async writeLinks(links: MessageLink[]): Promise<void> {
    const outcome = await this.withRetry(() => this.sink.linkMessages(links));
    if (outcome === "done") return;
    if (outcome !== "down" && links.length > 1) {
      for (const link of links) await this.writeLinks([link]);
      return;
    }
    for (const link of links)
      this.logger.error(
        { check: link.id, reason: outcome === "down" ? "database unavailable" : errorSummary(outcome) },
        "could not record the verdict's message for a check",
      );
  }

  /** "done"; "down" when the database stayed unreachable; or the error of a statement it refused. */
  private async withRetry(write: () => Promise<unknown>): Promise<"done" | "down" | Error> {
    const until = Math.min(Date.now() + this.options.retryForMs, this.giveUpAt);
    let delay = 100;
    for (;;) {
      try {
        await write();
        return "done";
      } catch (e) {
        const refused = this.sink.refusedByDatabase?.(e);
        if (refused === false) return e as Error;
        if (refused === undefined && (await this.sink.ping().catch(() => false))) return e as Error;
        const wait = Math.min(delay, Math.max(0, Math.min(until, this.giveUpAt) - Date.now()));
        if (wait <= 0) return "down";
        this.logger.warn({ err: errorSummary(e), retryInMs: wait }, "database unavailable; retrying");
        await sleep(wait);
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  private lost(id: string, reason: string, cause: "down" | Error): void {
    this.options.onLost?.(id, cause === "down" ? reason : `${reason}: ${errorSummary(cause).message}`);
    this.logger.error(
      { check: id, reason, ...(cause === "down" ? {} : { err: errorSummary(cause) }) },
      "check not kept",
    );
  }
}
