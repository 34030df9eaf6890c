/**
 * DDSketch (Masson, Rim and Lee, PVLDB 2019) at 1% relative accuracy: mergeable quantile
 * summaries, so a p95 over 30 days is the merge of stored hourly or daily sketches, never a scan
 * of raw points. The key mapping is the logarithmic one of @datadog/sketches-js (a unit test
 * checks both give the same keys and quantiles); the store and its encoding are ours, because
 * a dashboard query merges tens of thousands of stored sketches and the library's protobuf
 * decoding costs ~30 µs each (~1 µs here) and stores every bin as an 8-byte double.
 *
 * Encoding (version 1): the byte 0x44, then varints: the zero count, then for the positive and
 * the negative store: the number of non-empty bins, and for each bin the gap to the previous
 * key (the first key zigzag-encoded) and its count. Counts are whole numbers (every value has
 * weight 1). Values within ±1e-9 of zero count as zero.
 */
import { DDSketch } from '@datadog/sketches-js';

export const RELATIVE_ACCURACY = 0.01;
const GAMMA = 1 + (2 * RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const MULTIPLIER = 1 / Math.log1p(GAMMA - 1);
const ZERO_BAND = 1e-9;
const VERSION = 0x44;

/** The bin of a positive value: ceil(log_gamma(v)). */
export function keyOf(value: number): number {
  return Math.ceil(Math.log(value) * MULTIPLIER);
}

/** The value a bin stands for: within RELATIVE_ACCURACY of every value in it. */
export function valueOf(key: number): number {
  return Math.exp(key / MULTIPLIER) * (2 / (1 + GAMMA));
}

/** Dense counts over a growing window of keys. */
class Bins {
  counts = new Float64Array(0);
  offset = 0;
  total = 0;

  add(key: number, count: number): void {
    let i = key - this.offset;
    if (i < 0 || i >= this.counts.length) {
      this.grow(key);
      i = key - this.offset;
    }
    this.counts[i]! += count;
    this.total += count;
  }

  private grow(key: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.offset = key - 32;
      return;
    }
    const low = Math.min(this.offset, key - 16);
    const high = Math.max(this.offset + this.counts.length, key + 17);
    const next = new Float64Array(Math.max(high - low, this.counts.length * 2));
    next.set(this.counts, this.offset - low);
    this.counts = next;
    this.offset = low;
  }

  /** The key holding the value of this rank, counting from the lowest key. */
  keyAtRank(rank: number, lower: boolean): number {
    let running = 0;
    let last = this.offset;
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i]!;
      if (c === 0) continue;
      running += c;
      last = i + this.offset;
      if (lower ? running > rank : running >= rank + 1) return last;
    }
    return last;
  }

  /** Count in bins whose key is at most `key`. */
  countUpTo(key: number): number {
    let n = 0;
    const end = Math.min(this.counts.length, key - this.offset + 1);
    for (let i = 0; i < end; i++) n += this.counts[i]!;
    return n;
  }

  nonEmpty(): number {
    let n = 0;
    for (const c of this.counts) if (c !== 0) n++;
    return n;
  }
}

export class Sketch {
  private readonly pos = new Bins();
  private readonly neg = new Bins();
  private zero = 0;

  get count(): number {
    return this.zero + this.pos.total + this.neg.total;
  }

  accept(value: number): void {
    if (value > ZERO_BAND) this.pos.add(keyOf(value), 1);
    else if (value < -ZERO_BAND) this.neg.add(keyOf(-value), 1);
    else this.zero += 1;
  }

  /** Adds a stored sketch (either encoding) without materialising it. */
  mergeEncoded(bytes: Uint8Array): void {
    if (bytes[0] !== VERSION) return this.mergeLegacy(bytes);
    const r = { bytes, at: 1 };
    this.zero += readVarint(r);
    for (const bins of [this.pos, this.neg]) {
      const n = readVarint(r);
      let key = 0;
      for (let i = 0; i < n; i++) {
        key = i === 0 ? unzigzag(readVarint(r)) : key + readVarint(r);
        bins.add(key, readVarint(r));
      }
    }
  }

  /** Rows written before this encoding: the library's protobuf. */
  private mergeLegacy(bytes: Uint8Array): void {
    const old = DDSketch.fromProto(bytes);
    this.zero += old.zeroCount;
    for (const [store, bins] of [
      [old.store, this.pos],
      [old.negativeStore, this.neg],
    ] as const) {
      store.bins.forEach((count, i) => {
        if (count) bins.add(i + store.offset, count);
      });
    }
  }

  encode(): Uint8Array {
    const out: number[] = [VERSION];
    writeVarint(out, this.zero);
    for (const bins of [this.pos, this.neg]) {
      writeVarint(out, bins.nonEmpty());
      let prev: number | null = null;
      bins.counts.forEach((count, i) => {
        if (count === 0) return;
        const key = i + bins.offset;
        writeVarint(out, prev === null ? zigzag(key) : key - prev);
        writeVarint(out, count);
        prev = key;
      });
    }
    return Uint8Array.from(out);
  }

  /** The library's rank rule: q·(n−1), negatives from the largest magnitude down. */
  valueAtQuantile(q: number): number {
    const count = this.count;
    if (count === 0 || q < 0 || q > 1) return Number.NaN;
    const rank = q * (count - 1);
    if (rank < this.neg.total) return -valueOf(this.neg.keyAtRank(this.neg.total - rank - 1, false));
    if (rank < this.neg.total + this.zero) return 0;
    return valueOf(this.pos.keyAtRank(rank - this.zero - this.neg.total, true));
  }

  /** How many values are at most `value` (to within the bin holding it: 1% of `value`). */
  countAtMost(value: number): number {
    if (value < -ZERO_BAND) return this.neg.total - this.neg.countUpTo(keyOf(-value) - 1);
    const belowPositive = this.neg.total + this.zero;
    return value > ZERO_BAND ? belowPositive + this.pos.countUpTo(keyOf(value)) : belowPositive;
  }
}

export function newSketch(): Sketch {
  return new Sketch();
}

export function encodeSketch(sketch: Sketch): Uint8Array {
  return sketch.encode();
}

/** Merges stored sketches into one (an empty sketch for none). */
export function mergeSketches(encoded: Iterable<Uint8Array>): Sketch {
  const merged = new Sketch();
  for (const bytes of encoded) merged.mergeEncoded(bytes);
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
  return Math.min(exact.max, Math.max(exact.min, sketch.valueAtQuantile(q)));
}

function writeVarint(out: number[], n: number): void {
  // Counts can pass 2^32, so no bitwise arithmetic.
  while (n >= 128) {
    out.push((n % 128) + 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

function readVarint(r: { bytes: Uint8Array; at: number }): number {
  let n = 0;
  let scale = 1;
  for (;;) {
    const b = r.bytes[r.at++];
    if (b === undefined) throw new Error('truncated sketch');
    n += (b & 127) * scale;
    if (b < 128) return n;
    scale *= 128;
  }
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
