import { errorSummary, type Logger } from "../../logger.js";
import { signedHeaders } from "../inbound/signatures.js";
import { PollLoop } from "../pollLoop.js";
import type { ClaimedEvent, Repositories } from "../ports/index.js";
import type { OutboundService } from "./outbound.js";

/** Events are tried for a day (from their creation, or an admin's retry), then listed as dead. */
export const OUTBOUND_GIVE_UP_MS = 24 * 3_600_000;

/** 30 s, 1 min, 2 min, … at most an hour between tries. */
export function outboundBackoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface OutboundDeliveryOptions {
  /** A receiver that has not answered in this long is abandoned (the event is tried again later). */
  timeoutMs: number;
  /** Events sent at once, across workspaces. */
  concurrency: number;
  /** Events of one workspace in flight at once: a hanging URL holds this many slots, never the others. */
  perWorkspace: number;
  pollMs: number;
  backoffMs: (attempts: number) => number;
}

const DEFAULTS: OutboundDeliveryOptions = {
  timeoutMs: 10_000,
  concurrency: 8,
  perWorkspace: 2,
  // Events are written by triggers, so nothing nudges this queue: it is looked at every second.
  pollMs: 1_000,
  backoffMs: outboundBackoffMs,
};

/** Sends the outbound events the database queues: each claimed by one instance, signed like inbound requests,
 * delivered once the receiver answers 2xx, otherwise tried again with back-off for a day. Each delivery runs on
 * its own; nothing here waits on a receiver but that delivery. */
export class OutboundDelivery {
  private readonly options: OutboundDeliveryOptions;
  private readonly inFlight = new Map<string, string>();
  private readonly loop: PollLoop;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: Pick<Repositories, "outbound">,
    private readonly outbound: OutboundService,
    private readonly logger: Logger,
    options: Partial<OutboundDeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.loop = new PollLoop(
      () => this.claim(),
      this.options.pollMs,
      (e) => this.logger.error({ err: errorSummary(e) }, "claiming outbound events failed"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops claiming and waits (at most `ms`) for deliveries in flight; what is left is sent by the next start. */
  async stop(ms = 3_000): Promise<void> {
    await Promise.race([
      Promise.all([this.loop.stop(), ...this.running]),
      new Promise((r) => setTimeout(r, ms).unref()),
    ]);
  }

  nudge(): void {
    this.loop.nudge();
  }

  private async claim(): Promise<void> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const perWorkspace = new Map<string, number>();
    for (const ws of this.inFlight.values()) perWorkspace.set(ws, (perWorkspace.get(ws) ?? 0) + 1);
    const busy = [...perWorkspace].filter(([, n]) => n >= this.options.perWorkspace).map(([ws]) => ws);
    const events = await this.store.outbound.claim(
      free,
      this.options.perWorkspace,
      busy,
      this.options.timeoutMs * 3,
    );
    for (const event of events) {
      this.inFlight.set(event.id, event.workspaceId);
      const done: Promise<void> = this.deliver(event).finally(() => {
        this.inFlight.delete(event.id);
        this.running.delete(done);
        this.nudge();
      });
      this.running.add(done);
    }
    // A full batch: there may be more due now.
    if (events.length === free) setImmediate(() => this.loop.nudge());
  }

  private async deliver(event: ClaimedEvent): Promise<void> {
    const log = this.logger.child({ workspace: event.workspaceId, event: event.id, type: event.type });
    let status: number | null = null;
    let error: string;
    try {
      const request = await this.outbound.request(event);
      if (request === undefined) {
        await this.store.outbound.defer(
          event.id,
          { status: null, error: "no outbound URL or check any more" },
          null,
        );
        return;
      }
      const res = await fetch(request.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "LeadTriage-Webhooks/1",
          "x-lead-triage-event": event.type,
          "x-lead-triage-event-id": event.id,
          ...signedHeaders(request.secret, request.body),
        },
        body: request.body,
        // A redirect is not followed: the URL an admin set is the only one events go to.
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await this.store.outbound.delivered(event.id, status);
        log.info({ status, attempts: event.attempts }, "outbound event delivered");
        return;
      }
      error = `the receiver answered HTTP ${status}`;
    } catch (e) {
      const summary = errorSummary(e);
      // fetch says "fetch failed" and keeps the reason (refused, unknown host) in its cause.
      const cause = (e as { cause?: unknown }).cause;
      error =
        summary.name === "TimeoutError"
          ? `no answer within ${this.options.timeoutMs / 1000} s`
          : cause
            ? errorSummary(cause).message || summary.message
            : summary.message;
    }
    const giveUp = Date.now() - event.triesSince.getTime() >= OUTBOUND_GIVE_UP_MS;
    const due = new Date(Date.now() + this.options.backoffMs(event.attempts));
    await this.store.outbound
      .defer(event.id, { status, error: error.slice(0, 300) }, giveUp ? null : due)
      .catch((e) => log.error({ err: errorSummary(e) }, "recording an outbound failure failed"));
    log.warn({ status, attempts: event.attempts, dead: giveUp }, "outbound event not delivered");
  }
}
