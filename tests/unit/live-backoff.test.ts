import { describe, expect, it } from 'vitest';
import { backoffMs } from '@/lib/hooks/useLiveUpdates';

describe('live updates reconnect backoff', () => {
  it('doubles from 1 s to a 30 s ceiling, jittered between half and all of it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a, 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(backoffMs(0, 0)).toBe(500);
    expect(backoffMs(10, 0)).toBe(15_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffMs(3);
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
  });
});
