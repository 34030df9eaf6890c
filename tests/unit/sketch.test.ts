/**
 * Accuracy of stored, merged sketches: data spread over many minutes, each minute's sketch
 * encoded and decoded as it is in the database, then merged; every percentile within 1% of the
 * exact value (nearest-rank on the sorted data, the definition DDSketch guarantees against).
 */
import { describe, expect, it } from 'vitest';
import { DDSketch } from '@datadog/sketches-js';
import {
  encodeSketch,
  encodeValues,
  FEW_VALUES,
  mergeSketches,
  newSketch,
  quantile,
  RELATIVE_ACCURACY,
} from '@/lib/rollup/sketch';
import { Random } from '@/lib/random';

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
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

describe('the store against @datadog/sketches-js', () => {
  const rand = random(3);
  const values = Array.from({ length: 20_000 }, () => (rand() < 0.05 ? -rand() * 50 : Math.exp(8 * rand() - 2)));
  values.push(0, 0, 0);

  it('gives the same quantiles as the library on the same values', () => {
    const ours = newSketch();
    const theirs = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
    for (const v of values) {
      ours.accept(v);
      theirs.accept(v);
    }
    for (const q of [0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1]) {
      expect(ours.valueAtQuantile(q)).toBeCloseTo(theirs.getValueAtQuantile(q), 9);
    }
  });

  it('reads sketches stored in the library’s protobuf encoding', () => {
    const theirs = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
    for (const v of values) theirs.accept(v);
    const merged = mergeSketches([theirs.toProto()]);
    expect(merged.count).toBe(values.length);
    expect(merged.valueAtQuantile(0.5)).toBeCloseTo(theirs.getValueAtQuantile(0.5), 9);
  });

  it('round-trips through its encoding, smaller than the library’s', () => {
    const ours = newSketch();
    const theirs = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
    for (const v of values) {
      ours.accept(v);
      theirs.accept(v);
    }
    const bytes = encodeSketch(ours);
    const back = mergeSketches([bytes]);
    expect(back.count).toBe(values.length);
    expect(encodeSketch(back)).toEqual(bytes);
    expect(bytes.length).toBeLessThan(theirs.toProto().length / 3);
  });

  it('refuses truncated bytes', () => {
    const s = newSketch();
    s.accept(12);
    s.accept(1e6);
    const bytes = encodeSketch(s);
    expect(() => mergeSketches([bytes.subarray(0, bytes.length - 1)])).toThrow('truncated sketch');
  });
});

describe('countAtMost (Apdex thresholds)', () => {
  const s = newSketch();
  const values = [-5, 0, 1, 10, 100, 499, 500, 501, 1_999, 2_000, 2_001, 10_000];
  for (const v of values) s.accept(v);

  it('counts the values at or below a threshold, to within the threshold’s bin (1%)', () => {
    expect(s.countAtMost(-10)).toBe(0);
    expect(s.countAtMost(-5)).toBe(1);
    expect(s.countAtMost(0)).toBe(2);
    expect(s.countAtMost(100)).toBe(5);
    // 500 and 501 share a bin: both count as "at most 500" (501 is within 1% of 500).
    expect(s.countAtMost(500)).toBe(8);
    expect(s.countAtMost(2_000)).toBe(11); // so do 2,000 and 2,001
    expect(s.countAtMost(1_990)).toBe(8);
    expect(s.countAtMost(1e9)).toBe(values.length);
  });
});

describe('encodeValues (a few values without the dense store)', () => {
  it('encodes byte for byte what a sketch that accepted the same values encodes', () => {
    const r = new Random(77);
    const pools = [
      () => r.next() * 60_000,
      () => Math.exp(3 + r.next() * 4),
      () => -Math.exp(r.next() * 10),
      () => (r.next() - 0.5) * 2e-9, // within the zero band
      () => 0,
      () => 1e-12 + r.next() * 1e-3,
      () => 1e15 * r.next(),
      () => 42, // repeated keys
    ];
    for (let round = 0; round < 3_000; round++) {
      const n = 1 + Math.floor(r.next() * FEW_VALUES);
      const values = Array.from({ length: n }, () => pools[Math.floor(r.next() * pools.length)]!());
      const sketch = newSketch();
      for (const v of values) sketch.accept(v);
      expect(encodeValues(values)).toEqual(encodeSketch(sketch));
    }
  });
});
