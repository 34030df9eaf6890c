/** A latency or vital histogram from a merged sketch's fine bins (1% wide), for the views' charts. */
import { binBound, type Sketch } from '../rollup';

export const HISTOGRAM_BINS = 30;

/** Values in (from, to] and how many fell there; a first bin from 0 to 0 holds the zeros. */
export type Histogram = { from: number; to: number; count: number }[];

/** The merged sketch's fine bins (1% wide) gathered into at most `bins` runs of whole bins. */
export function histogramOf(sketch: Sketch | null, bins = HISTOGRAM_BINS): Histogram {
  if (!sketch) return [];
  const out: Histogram = [];
  if (sketch.zeroCount) out.push({ from: 0, to: 0, count: sketch.zeroCount });
  const fine = sketch.positiveBins();
  if (fine.length === 0) return out;
  const lo = fine[0]![0];
  const hi = fine.at(-1)![0];
  const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  for (const [key, count] of fine) {
    const first = lo + Math.floor((key - lo) / width) * width;
    const last = out.at(-1);
    const from = binBound(first - 1);
    if (last && last.from === from) last.count += count;
    else out.push({ from, to: binBound(first + width - 1), count });
  }
  return out;
}
