/** The SDK's pure delivery pieces: backoff with jitter, Retry-After, batch sizes, Content-Length. */
import { describe, expect, it } from 'vitest';
import { batchBody, ItemBuffer, utf8Length } from '@/lib/sdk/buffer';
import { contentLength } from '@/lib/sdk/status';
import { backoffMs, retryAfterMs } from '@/lib/sdk/transport';

const policy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

describe('backoff', () => {
  it('doubles per attempt, half fixed and half random, up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, policy, () => 0))).toEqual([250, 500, 1_000, 2_000]);
    expect([1, 2, 3, 4].map((a) => backoffMs(a, policy, () => 1))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffMs(20, policy, () => 1)).toBe(30_000);
    expect(backoffMs(20, policy, () => 0)).toBe(15_000);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.UTC(2026, 10, 24, 8, 0, 0);
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 24 Nov 2026 08:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
  });
});

describe('batches', () => {
  it('a batch body is exactly as long as counted, and stays within the byte limit', () => {
    const buffer = new ItemBuffer(10_000, 1e9);
    for (let i = 0; i < 500; i++) buffer.push('points', JSON.stringify({ name: 'é.x', value: i, tags: { a: '日本' } }));
    const limit = 4_000;
    let total = 0;
    for (let batch = buffer.take(1_000, limit); batch; batch = buffer.take(1_000, limit)) {
      const body = batchBody(batch);
      expect(utf8Length(body)).toBe(batch.bytes);
      expect(batch.bytes).toBeLessThanOrEqual(limit);
      JSON.parse(body);
      total += batch.entries.length;
    }
    expect(total).toBe(500);
    expect(buffer.bytes).toBe(0);
  });

  it('takes the kind whose oldest item is oldest, and drops the oldest of either kind past the cap', () => {
    const buffer = new ItemBuffer(3, 1e9);
    buffer.push('points', '1');
    buffer.push('requests', '2');
    buffer.push('points', '3');
    expect(buffer.push('requests', '4')).toBe(1);
    expect(buffer.take(10, 1e6)).toMatchObject({ kind: 'requests', entries: [{ json: '2' }, { json: '4' }] });
    expect(buffer.take(10, 1e6)).toMatchObject({ kind: 'points', entries: [{ json: '3' }] });
    expect(buffer.take(10, 1e6)).toBeUndefined();
  });
});

describe('Content-Length', () => {
  it('only a plain byte count', () => {
    expect(contentLength('123')).toBe(123);
    expect(contentLength(42)).toBe(42);
    expect(contentLength(['1', '2'])).toBeUndefined();
    expect(contentLength('-1')).toBeUndefined();
    expect(contentLength('1e3')).toBeUndefined();
    expect(contentLength(null)).toBeUndefined();
    expect(contentLength('9'.repeat(20))).toBeUndefined();
  });
});
