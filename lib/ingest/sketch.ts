/**
 * DDSketch at 1% relative accuracy (@datadog/sketches-js): mergeable quantile summaries, so a
 * p95 over 30 days is the merge of per-minute sketches, never a scan of raw points. Stored as
 * the library's protobuf bytes; count, sum, min and max are kept exactly beside them.
 */
import { DDSketch } from '@datadog/sketches-js';

export const RELATIVE_ACCURACY = 0.01;

export type Sketch = DDSketch;

export function newSketch(): Sketch {
  return new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
}

export function encodeSketch(sketch: Sketch): Uint8Array {
  return sketch.toProto();
}

/** Merges stored sketches into one (an empty sketch for none). */
export function mergeSketches(encoded: Iterable<Uint8Array>): Sketch {
  const merged = newSketch();
  for (const bytes of encoded) merged.merge(DDSketch.fromProto(bytes) as DDSketch);
  return merged;
}

/**
 * The value at quantile q, within 1% of the true one, and never outside the exact min and max
 * (a sketch's bins only know values to within their width).
 */
export function quantile(sketch: Sketch, q: number, exact: { min: number; max: number }): number {
  if (sketch.count === 0) return Number.NaN;
  if (q <= 0) return exact.min;
  if (q >= 1) return exact.max;
  return Math.min(exact.max, Math.max(exact.min, sketch.getValueAtQuantile(q)));
}
