/**
 * Which rollup rows answer a range: the coarsest built rows that fit inside it, finer ones at
 * the edges, never overlapping; and the round timeseries steps with the rows that tile them.
 */
import { describe, expect, it } from 'vitest';
import { plan, type Segment } from '@/lib/rollup';
import { resolutionFor, stepFor } from '@/lib/queries/steps';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@/lib/rollup';

const T = Date.UTC(2026, 10, 1);

/** Every segment is aligned to its width and they tile [start, end) without gaps or overlaps. */
function expectTiling(segments: Segment[], start: number, end: number) {
  let at = start;
  for (const s of segments) {
    expect(s.from).toBe(at);
    expect(s.from % (s.resolution * 1000)).toBe(0);
    at = s.to;
  }
  expect(at).toBe(end);
}

describe('plan', () => {
  const built = { 3600: T + 30 * DAY_MS, 86400: T + 30 * DAY_MS };

  it('reads whole days as day rows', () => {
    expect(plan({ from: T, to: T + 30 * DAY_MS }, built)).toEqual([
      { resolution: 86400, from: T, to: T + 30 * DAY_MS },
    ]);
  });

  it('reads the ragged ends as hours and minutes', () => {
    const range = { from: T + 5 * HOUR_MS + 30 * MINUTE_MS, to: T + 3 * DAY_MS + 2 * HOUR_MS + 10 * MINUTE_MS };
    const segments = plan(range, built);
    expect(segments).toEqual([
      { resolution: 60, from: T + 5 * HOUR_MS + 30 * MINUTE_MS, to: T + 6 * HOUR_MS },
      { resolution: 3600, from: T + 6 * HOUR_MS, to: T + DAY_MS },
      { resolution: 86400, from: T + DAY_MS, to: T + 3 * DAY_MS },
      { resolution: 3600, from: T + 3 * DAY_MS, to: T + 3 * DAY_MS + 2 * HOUR_MS },
      { resolution: 60, from: T + 3 * DAY_MS + 2 * HOUR_MS, to: range.to },
    ]);
    expectTiling(segments, range.from, range.to);
  });

  it('starts minute rows at the minute holding `from`', () => {
    const [first] = plan({ from: T + 90_000, to: T + 10 * MINUTE_MS }, built);
    expect(first).toEqual({ resolution: 60, from: T + MINUTE_MS, to: T + 10 * MINUTE_MS });
  });

  it('reads only what compaction has built at a resolution, finer rows after it', () => {
    const partly = { 3600: T + 2 * DAY_MS + 5 * HOUR_MS, 86400: T + 2 * DAY_MS };
    const segments = plan({ from: T, to: T + 3 * DAY_MS }, partly);
    expect(segments).toEqual([
      { resolution: 86400, from: T, to: T + 2 * DAY_MS },
      { resolution: 3600, from: T + 2 * DAY_MS, to: T + 2 * DAY_MS + 5 * HOUR_MS },
      { resolution: 60, from: T + 2 * DAY_MS + 5 * HOUR_MS, to: T + 3 * DAY_MS },
    ]);
    expect(plan({ from: T, to: T + DAY_MS }, { 3600: 0, 86400: 0 })).toEqual([
      { resolution: 60, from: T, to: T + DAY_MS },
    ]);
  });

  it('goes no coarser than asked', () => {
    const segments = plan({ from: T, to: T + 2 * DAY_MS }, built, 3600);
    expect(segments).toEqual([{ resolution: 3600, from: T, to: T + 2 * DAY_MS }]);
  });

  it('tiles random ranges exactly', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const from = T + Math.floor(rand() * 20 * DAY_MS);
      const to = from + 1 + Math.floor(rand() * 15 * DAY_MS);
      const segments = plan({ from, to }, { 3600: T + Math.floor(rand() * 40) * DAY_MS, 86400: T + 25 * DAY_MS });
      expectTiling(segments, Math.floor(from / MINUTE_MS) * MINUTE_MS, to);
    }
  });
});

describe('timeseries steps', () => {
  it.each([
    [HOUR_MS, MINUTE_MS, 60],
    [6 * HOUR_MS, 2 * MINUTE_MS, 60],
    [DAY_MS, 5 * MINUTE_MS, 60],
    [7 * DAY_MS, HOUR_MS, 3600],
    [30 * DAY_MS, 3 * HOUR_MS, 3600],
    [90 * DAY_MS, 12 * HOUR_MS, 3600],
    [365 * DAY_MS, 2 * DAY_MS, 86400],
  ])('a range of %d ms is cut in steps of %d ms read from %d-second rows', (span, step, resolution) => {
    expect(stepFor({ from: T, to: T + span }, 300)).toBe(step);
    expect(resolutionFor(step)).toBe(resolution);
    expect(span / step).toBeLessThanOrEqual(300);
  });
});
