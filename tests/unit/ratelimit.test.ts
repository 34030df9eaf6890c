import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { route } from '@/lib/http/route';
import { takeTokens, type RateLimitStore } from '@/lib/ratelimit/bucket';
import { RateLimiter, rateLimitHeaders } from '@/lib/ratelimit/limiter';
import { MemoryStore } from '@/lib/ratelimit/memory';
import { perPeriod, RULES } from '@/lib/ratelimit/rules';

const rule = { burst: 3, perSecond: 1 };

describe('token bucket', () => {
  it('starts full, empties, refuses, then refills with time', () => {
    let state;
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      const step = takeTokens(state, rule, 1_000, 1);
      state = step.state;
      decisions.push(step.decision);
    }
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]).toMatchObject({ retryAfterSeconds: 1, resetSeconds: 3, limit: 3 });

    const later = takeTokens(state, rule, 3_500, 1); // 2.5 s later: 2.5 tokens back
    expect(later.decision).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('never holds more than its burst, however long it idles', () => {
    const { state } = takeTokens(undefined, rule, 0, 1);
    expect(takeTokens(state, rule, 10_000_000, 1).decision.remaining).toBe(2);
  });

  it('refuses a cost above the burst and says how long until it would fit', () => {
    const { decision } = takeTokens(undefined, rule, 0, 5);
    expect(decision).toMatchObject({ allowed: false, retryAfterSeconds: 2, remaining: 3 });
  });

  it('ignores a clock that goes backwards', () => {
    const { state } = takeTokens(undefined, rule, 10_000, 3);
    expect(takeTokens(state, rule, 5_000, 1).decision.allowed).toBe(false);
  });

  it('expresses the documented defaults', () => {
    expect(RULES.performanceApi).toEqual({ burst: 100, perSecond: 100 / 3600 });
    expect(perPeriod(5, 900)).toEqual({ burst: 5, perSecond: 5 / 900 });
  });
});

describe('MemoryStore', () => {
  it('keeps at most maxKeys buckets, dropping the least recently used', async () => {
    const store = new MemoryStore(3, () => 0);
    for (const key of ['a', 'b', 'c']) await store.take(key, rule, 3);
    await store.take('a', rule, 1); // refused, but now most recent
    for (let i = 0; i < 1_000; i++) await store.take(`flood-${i}`, rule, 1);
    expect(store.size).toBe(3);
    // 'a' was evicted by the flood, like every other old key: a fresh bucket again.
    expect((await store.take('a', rule, 1)).allowed).toBe(true);
  });

  it('accepts hostile keys as opaque strings', async () => {
    const store = new MemoryStore();
    for (const key of ['', 'x'.repeat(100_000), '__proto__', 'constructor', "ip:1' OR '1'='1", '🚀']) {
      expect((await store.take(key, rule, 1)).allowed).toBe(true);
    }
    expect(({} as Record<string, unknown>).tokens).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('falls back to memory when the shared store fails, and says so once', async () => {
    const broken: RateLimitStore = { take: () => Promise.reject(new Error('ECONNREFUSED')) };
    const warnings: unknown[] = [];
    const limiter = new RateLimiter(broken, new MemoryStore(), (err) => warnings.push(err));
    const allowed = [];
    for (let i = 0; i < 5; i++) allowed.push((await limiter.take('k', rule)).allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
    expect(warnings).toHaveLength(1);
  });

  it('builds RateLimit headers, with Retry-After only when refused', () => {
    const ok = rateLimitHeaders({ allowed: true, limit: 3, remaining: 2, resetSeconds: 1, retryAfterSeconds: 0 }, rule);
    expect(ok).toEqual({
      'RateLimit-Limit': '3',
      'RateLimit-Remaining': '2',
      'RateLimit-Reset': '1',
      'RateLimit-Policy': '3;w=3',
    });
    const refused = rateLimitHeaders(
      { allowed: false, limit: 3, remaining: 0, resetSeconds: 3, retryAfterSeconds: 1 },
      rule,
    );
    expect(refused['Retry-After']).toBe('1');
  });
});

describe('route() with a rate limit', () => {
  const limiter = new RateLimiter(new MemoryStore());
  const handler = route(
    {
      auth: 'public',
      body: z.object({ n: z.number() }),
      rateLimit: {
        rule: { burst: 2, perSecond: 0.01 },
        key: (req) => `test:${req.headers.get('x-client') ?? 'anon'}`,
        limiter,
      },
    },
    ({ body }) => ({ n: body.n }),
  );
  const post = (client: string, body = '{"n":1}') =>
    handler(
      new Request('http://x/', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-client': client },
      }),
    );

  it('answers 429 with Retry-After and RateLimit headers once the bucket is empty', async () => {
    const first = await post('a');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await post('a')).status).toBe(200);

    const refused = await post('a');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-response-time')).toBeTruthy();
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(/^too many requests; retry in \d+ s$/) },
    });
  });

  it('keeps separate buckets per key', async () => {
    expect((await post('b')).status).toBe(200);
  });

  it('limits before reading the body, so refused requests cost no parsing', async () => {
    for (let i = 0; i < 2; i++) await post('c');
    expect((await post('c', '{not json')).status).toBe(429);
  });
});
