import 'server-only';
import { getRedis } from '../redis';
import { MemoryStore } from './memory';
import { RateLimiter } from './limiter';
import { RedisStore } from './redis';

export type { BucketRule, Decision } from './bucket';
export { rateLimitHeaders, RateLimiter } from './limiter';
export { ingestRule, perPeriod, RULES, type RouteClass } from './rules';

const globalForLimiter = globalThis as unknown as { observatoryLimiter?: RateLimiter };

/** The process's limiter: shared through Redis when REDIS_URL is set, in memory otherwise. */
export function getRateLimiter(): RateLimiter {
  if (!globalForLimiter.observatoryLimiter) {
    const redis = getRedis();
    globalForLimiter.observatoryLimiter = new RateLimiter(redis ? new RedisStore(redis) : new MemoryStore());
  }
  return globalForLimiter.observatoryLimiter;
}
