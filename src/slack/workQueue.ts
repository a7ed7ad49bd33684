/** Runs slow work (database, parsing, Web API calls) after ack, a bounded number at a time.
 *
 * The embedded database runs on the main thread: unbounded concurrent triages would fill the event loop and
 * delay the acks of newer requests past Slack's 3 seconds. With a bound, a new request waits at most for the
 * jobs in flight, and the backlog queues in memory in arrival order. */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  /** Queues a job; never rejects (jobs handle their own errors). */
  push(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.pump();
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  /** Resolves when every queued job has finished (for shutdown and tests). */
  onIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as () => Promise<void>;
      this.running++;
      // Start on a later turn so the ack that queued this job is flushed first.
      setImmediate(() => {
        job()
          .catch(() => undefined)
          .finally(() => {
            this.running--;
            this.pump();
            if (this.pending === 0) {
              const waiters = this.idleWaiters;
              this.idleWaiters = [];
              for (const resolve of waiters) resolve();
            }
          });
      });
    }
  }
}
