/**
 * Accuracy of stored, merged sketches: data spread over many minutes, each minute's sketch
 * encoded and decoded as it is in the database, then merged; every percentile within 1% of the
 * exact value (nearest-rank on the sorted data, the definition DDSketch guarantees against).
 */
import { describe, expect, it } from 'vitest';
import { encodeSketch, mergeSketches, newSketch, quantile, RELATIVE_ACCURACY } from '@/lib/ingest/sketch';

/** A seeded generator, so a failure reproduces. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const DATASETS: Record<string, (rand: () => number) => number> = {
  // Latencies: lognormal around 120 ms with a long tail.
  lognormal: (rand) => Math.exp(Math.log(120) + 0.8 * normal(rand)),
  // Cache hits around 5 ms, misses around 400 ms.
  bimodal: (rand) => (rand() < 0.7 ? 5 + rand() * 2 : 400 + normal(rand) * 40),
  constant: () => 42,
};

const QUANTILES = [0.5, 0.75, 0.9, 0.95, 0.99];

describe.each(Object.entries(DATASETS))('a %s distribution over 600 minutes', (_name, draw) => {
  const rand = random(7);
  const values: number[] = [];
  const minutes: Uint8Array[] = [];
  for (let minute = 0; minute < 600; minute++) {
    const sketch = newSketch();
    for (let i = 0; i < 200; i++) {
      const v = draw(rand);
      values.push(v);
      sketch.accept(v);
    }
    minutes.push(encodeSketch(sketch));
  }
  const merged = mergeSketches(minutes);
  const sorted = [...values].sort((a, b) => a - b);
  const exact = { min: sorted[0]!, max: sorted.at(-1)! };

  it('keeps every value', () => {
    expect(merged.count).toBe(values.length);
  });

  it.each(QUANTILES)('p%s is within 1% of the exact value', (q) => {
    const truth = sorted[Math.floor(q * (sorted.length - 1))]!;
    const estimate = quantile(merged, q, exact);
    expect(Math.abs(estimate - truth) / truth).toBeLessThanOrEqual(RELATIVE_ACCURACY);
  });

  it('reports the exact min and max at the ends', () => {
    expect(quantile(merged, 0, exact)).toBe(exact.min);
    expect(quantile(merged, 1, exact)).toBe(exact.max);
  });
});

describe('an empty merge', () => {
  it('has no quantiles', () => {
    expect(Number.isNaN(quantile(mergeSketches([]), 0.5, { min: 0, max: 0 }))).toBe(true);
  });
});
