/** A bounded set of recently seen keys: remembers at most `max` keys, each for `ttlMs`. For state that must
 * not grow with traffic (event ids while the database is away, channels already given an invite hint). */
export class RecentKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  /** True when the key was not seen within the TTL (and remembers it now). */
  add(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // A Map iterates in insertion order: the first keys are the oldest.
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }

  has(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    return at !== undefined && now - at < this.ttlMs;
  }

  get size(): number {
    return this.seen.size;
  }
}
