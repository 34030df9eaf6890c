/**
 * rollUpSeries: one row per bucket with exact count, sum, min, max and latest value, and the
 * sketch a DDSketch of the bucket's values would have, whether the bucket held a few values
 * (encoded directly) or many (a dense store).
 */
import { describe, expect, it } from 'vitest';
import { encodeSketch, rollUpSeries, newSketch } from '@/lib/rollup';
import { FEW_VALUES } from '@/lib/rollup/sketch';
import { Random } from '@/lib/random';

const T0 = Date.UTC(2026, 10, 24, 9, 0);

function sketchOf(values: number[]): Uint8Array {
  const s = newSketch();
  for (const v of values) s.accept(v);
  return encodeSketch(s);
}

describe('rollUpSeries', () => {
  it('builds each bucket of a distribution, with few values or many', () => {
    const r = new Random(5);
    // Minute 0 gets FEW_VALUES + 1 values (past the direct encoding), minute 1 three, minute 2 FEW_VALUES.
    const sizes = [FEW_VALUES + 1, 3, FEW_VALUES];
    const ts: number[] = [];
    const values: number[] = [];
    sizes.forEach((n, minute) => {
      for (let i = 0; i < n; i++) {
        ts.push(T0 + minute * 60_000 + Math.floor(r.next() * 60_000));
        values.push(Math.round(r.next() * 5_000) / 10);
      }
    });
    const rows = rollUpSeries(7, 'distribution', ts, values);
    expect(rows.map((row) => row.bucket)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    let at = 0;
    rows.forEach((row, minute) => {
      const mine = values.slice(at, at + sizes[minute]!);
      const times = ts.slice(at, at + sizes[minute]!);
      at += sizes[minute]!;
      expect(row.seriesId).toBe(7);
      expect(row.count).toBe(mine.length);
      expect(row.sum).toBeCloseTo(
        mine.reduce((a, b) => a + b, 0),
        9,
      );
      expect(row.min).toBe(Math.min(...mine));
      expect(row.max).toBe(Math.max(...mine));
      const latest = times.indexOf(Math.max(...times));
      expect(row.lastTs).toBe(times[latest]);
      expect(row.sketch).toEqual(sketchOf(mine));
    });
  });

  it('keeps no sketch for counters and gauges', () => {
    const rows = rollUpSeries(1, 'counter', [T0, T0 + 1], [1, 2]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sketch).toBeNull();
    expect(rows[0]!.sum).toBe(3);
  });
});

describe('weighted points (history loaders)', () => {
  it('count as that many equal values: the same row and sketch as the values repeated', () => {
    const rng = new Random(7);
    const t0 = Date.UTC(2026, 11, 1, 10);
    const ts: number[] = [];
    const values: number[] = [];
    const weights: number[] = [];
    const expandedTs: number[] = [];
    const expandedValues: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = t0 + i * 7_000;
      const v = Math.round(rng.lognormal(120, 0.6) * 10) / 10;
      const w = 1 + (i % 5) * 13;
      ts.push(t);
      values.push(v);
      weights.push(w);
      for (let j = 0; j < w; j++) {
        expandedTs.push(t);
        expandedValues.push(v);
      }
    }
    const weighted = rollUpSeries(1, 'distribution', ts, values, 60, weights);
    const expanded = rollUpSeries(1, 'distribution', expandedTs, expandedValues);
    expect(weighted).toHaveLength(expanded.length);
    for (const [i, row] of weighted.entries()) {
      const want = expanded[i]!;
      expect({ ...row, sum: 0, sketch: null }).toEqual({ ...want, sum: 0, sketch: null });
      expect(row.sum).toBeCloseTo(want.sum, 6);
      // The same bins and counts, whichever encoding the repeated values took.
      const a = newSketch();
      a.mergeEncoded(row.sketch!);
      const b = newSketch();
      b.mergeEncoded(want.sketch!);
      expect(encodeSketch(a)).toEqual(encodeSketch(b));
    }
  });

  it('weigh any kind they are given to; without weights each point counts once', () => {
    const t = [Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 1) + 1_000];
    expect(rollUpSeries(2, 'counter', t, [3, 4], 60, [5, 5])[0]).toMatchObject({ count: 10, sum: 35 });
    expect(rollUpSeries(2, 'counter', t, [3, 4])[0]).toMatchObject({ count: 2, sum: 7 });
  });
});
