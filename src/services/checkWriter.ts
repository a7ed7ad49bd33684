import { randomUUID } from "node:crypto";
import { type NewCheck, recordChecks } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";

/** Keeps checks in small batches: under load, one multi-row INSERT every few milliseconds costs far less
 * than one statement per verdict (the embedded database runs on the app's own thread). A lone check waits
 * at most `maxDelayMs`. Ids are made here, so callers get theirs without a round trip. */
export class CheckWriter {
  private buffer: { check: NewCheck & { id: string }; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { maxBatch: number; maxDelayMs: number } = { maxBatch: 100, maxDelayMs: 5 },
  ) {}

  keep(check: NewCheck): Promise<string> {
    const id = randomUUID();
    return new Promise<string>((resolve, reject) => {
      this.buffer.push({ check: { ...check, id }, resolve: () => resolve(id), reject });
      if (this.buffer.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Writes what is buffered now; resolves when every check handed in so far is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      // Batches are written one after another, in order.
      this.flushing = this.flushing.then(async () => {
        try {
          await recordChecks(
            this.prisma,
            batch.map((b) => b.check),
          );
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      });
    }
    return this.flushing;
  }
}
