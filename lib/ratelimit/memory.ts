import { takeTokens, type BucketRule, type BucketState, type Decision, type RateLimitStore } from './bucket';

/**
 * Buckets in this process's memory. Bounded: past `maxKeys` the least recently used bucket is
 * dropped, so a flood of distinct keys (spoofed IPs, random keys) cannot grow memory.
 */
export class MemoryStore implements RateLimitStore {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, rule: BucketRule, cost: number): Promise<Decision> {
    const previous = this.buckets.get(key);
    const { state, decision } = takeTokens(previous, rule, this.now(), cost);
    // Re-inserting moves the key to the end of the Map's order: oldest first is least recent.
    this.buckets.delete(key);
    this.buckets.set(key, state);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return decision;
  }

  get size(): number {
    return this.buckets.size;
  }
}
