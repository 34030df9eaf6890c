import type { BucketRule, Decision, RateLimitStore } from './bucket';
import { MemoryStore } from './memory';

/**
 * Takes tokens from the shared store (Redis) and, while it is unreachable, from this process's
 * memory instead: limits then hold per instance rather than not at all, and requests never
 * wait on a dead cache.
 */
export class RateLimiter {
  private warned = false;

  constructor(
    private readonly primary: RateLimitStore,
    private readonly fallback: RateLimitStore = primary instanceof MemoryStore ? primary : new MemoryStore(),
    private readonly onFallback: (err: unknown) => void = (err) =>
      console.warn(
        `[ratelimit] shared store unavailable, limiting per instance: ${err instanceof Error ? err.message : err}`,
      ),
  ) {}

  async take(key: string, rule: BucketRule, cost = 1): Promise<Decision> {
    if (this.primary === this.fallback) return this.primary.take(key, rule, cost);
    try {
      const decision = await this.primary.take(key, rule, cost);
      this.warned = false;
      return decision;
    } catch (err) {
      if (!this.warned) this.onFallback(err);
      this.warned = true;
      return this.fallback.take(key, rule, cost);
    }
  }
}

/** RateLimit-* headers (IETF draft) for any decision, plus Retry-After when refused. */
export function rateLimitHeaders(decision: Decision, rule: BucketRule): Record<string, string> {
  const window = Math.ceil(rule.burst / rule.perSecond);
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${rule.burst};w=${window}`,
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}
