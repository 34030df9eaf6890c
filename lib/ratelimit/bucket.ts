/**
 * Token buckets: a bucket holds up to `burst` tokens and gains `perSecond` tokens each second;
 * a request takes `cost` tokens or is refused. Stores keep only (tokens, updatedAt) per key.
 */
export type BucketRule = {
  /** Most requests allowed at once (the bucket's size). */
  burst: number;
  /** Sustained requests per second (the refill rate). */
  perSecond: number;
};

export type Decision = {
  allowed: boolean;
  /** The bucket's size, for RateLimit-Limit. */
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again, for RateLimit-Reset. */
  resetSeconds: number;
  /** When refused: seconds until enough tokens are back, for Retry-After. 0 when allowed. */
  retryAfterSeconds: number;
};

export type BucketState = { tokens: number; updatedAtMs: number };

/** The pure step every store runs (the Redis store runs the same arithmetic in Lua). */
export function takeTokens(state: BucketState | undefined, rule: BucketRule, nowMs: number, cost: number) {
  const elapsed = state ? Math.max(0, nowMs - state.updatedAtMs) / 1000 : 0;
  const available = state ? Math.min(rule.burst, state.tokens + elapsed * rule.perSecond) : rule.burst;
  const allowed = available >= cost;
  const tokens = allowed ? available - cost : available;
  return { state: { tokens, updatedAtMs: nowMs }, decision: decide(allowed, tokens, rule, cost) };
}

/** The decision reported for a bucket left with `tokens` after a request of `cost`. */
export function decide(allowed: boolean, tokens: number, rule: BucketRule, cost: number): Decision {
  return {
    allowed,
    limit: rule.burst,
    remaining: Math.floor(tokens),
    resetSeconds: Math.ceil((rule.burst - tokens) / rule.perSecond),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / rule.perSecond)),
  };
}

export interface RateLimitStore {
  take(key: string, rule: BucketRule, cost: number): Promise<Decision>;
}
