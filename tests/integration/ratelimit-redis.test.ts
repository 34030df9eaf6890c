/**
 * Rate limits shared through Redis: two limiters with their own connections stand for two
 * app instances.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '@/lib/ratelimit/limiter';
import { MemoryStore } from '@/lib/ratelimit/memory';
import { RedisStore } from '@/lib/ratelimit/redis';
import { createRedis, whenReady, type Redis } from '@/lib/redis/client';
import { REDIS_URL } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';

describe.runIf(REDIS_URL)('rate limits in Redis', () => {
  const connections: Redis[] = [];
  const connect = async (url = REDIS_URL!) => {
    const redis = createRedis(url);
    connections.push(redis);
    await whenReady(redis, 5_000);
    return redis;
  };
  const prefix = `observatory-test:${randomBytes(4).toString('hex')}:`;
  afterAll(() => connections.forEach((r) => r.disconnect()));

  it('two instances draw from one bucket', async () => {
    const a = new RateLimiter(new RedisStore(await connect(), prefix));
    const b = new RateLimiter(new RedisStore(await connect(), prefix));
    const rule = { burst: 5, perSecond: 0.001 };
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push((await a.take('shared', rule)).allowed, (await b.take('shared', rule)).allowed);
    }
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(results.slice(5).every((r) => r === false)).toBe(true);
    const refused = await b.take('shared', rule);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 5 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('refills at the configured rate', async () => {
    const store = new RedisStore(await connect(), prefix);
    const rule = { burst: 2, perSecond: 20 }; // one token every 50 ms
    await store.take('refill', rule, 2);
    expect((await store.take('refill', rule, 1)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.take('refill', rule, 1)).allowed).toBe(true);
  });

  it('lets idle buckets expire once they would be full', async () => {
    const redis = await connect();
    const store = new RedisStore(redis, prefix);
    await store.take('expiring', { burst: 10, perSecond: 1 }, 4);
    const ttl = await redis.pttl(`${prefix}expiring`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(4_000);
  });

  it('keeps limiting per instance while Redis is unreachable', async () => {
    const real = new URL(REDIS_URL!);
    const proxy = new TcpProxy(real.hostname, Number(real.port || 6379));
    const port = await proxy.start();
    const warnings: unknown[] = [];
    const limiter = new RateLimiter(
      new RedisStore(await connect(`redis://127.0.0.1:${port}`), prefix),
      new MemoryStore(),
      (e) => warnings.push(e),
    );
    const rule = { burst: 2, perSecond: 0.001 };
    expect((await limiter.take('outage', rule)).allowed).toBe(true);
    await proxy.stop();
    const during = [];
    for (let i = 0; i < 3; i++) during.push((await limiter.take('outage', rule)).allowed);
    expect(during).toEqual([true, true, false]);
    expect(warnings).toHaveLength(1);
  });
});
