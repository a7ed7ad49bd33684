/** A token bucket per key (a workspace): `perSecond` refill, bursts up to one second's worth. This instance's
 * share only; behind a load balancer each instance allows its own rate. */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token: 0 when allowed, else the whole seconds to wait before the next is free. */
  take(key: string): number {
    const now = this.now();
    const kept = this.buckets.get(key) ?? { tokens: this.perSecond, at: now };
    const tokens = Math.min(this.perSecond, kept.tokens + ((now - kept.at) / 1000) * this.perSecond);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.forgetIdle(now);
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  /** Full buckets say nothing: dropped now and then, so the map holds active senders only. */
  private forgetIdle(now: number): void {
    if (this.buckets.size < 1_000) return;
    for (const [key, b] of this.buckets) if (now - b.at > 1_000) this.buckets.delete(key);
  }
}
