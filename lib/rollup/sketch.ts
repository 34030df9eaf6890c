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

/** The upper end of a bin: every value v with keyOf(v) = key is at most this, and above bound(key - 1). */
export function binBound(key: number): number {
  return Math.exp(key / MULTIPLIER);
}

/** Decoding space shared by every merge (merges are synchronous). */
let scratch = new Float64Array(1024);

/** Dense counts over a growing window of keys; `lo`..`hi` bound the keys in use. */
class Bins {
  counts = new Float64Array(0);
  offset = 0;
  total = 0;
  lo = Infinity;
  hi = -Infinity;

  add(key: number, count: number): void {
    let i = key - this.offset;
    if (i < 0 || i >= this.counts.length) {
      this.grow(key);
      i = key - this.offset;
    }
    this.counts[i]! += count;
    this.total += count;
    if (key < this.lo) this.lo = key;
    if (key > this.hi) this.hi = key;
  }

  /** Adds `n` (key, count) pairs with increasing keys, laid out flat in `pairs`. */
  addRun(pairs: Float64Array, n: number): void {
    const first = pairs[0]!;
    const last = pairs[2 * n - 2]!;
    if (first - this.offset < 0 || first - this.offset >= this.counts.length) this.grow(first);
    if (last - this.offset < 0 || last - this.offset >= this.counts.length) this.grow(last);
    const counts = this.counts;
    const offset = this.offset;
    let total = 0;
    for (let i = 0; i < 2 * n; i += 2) {
      const c = pairs[i + 1]!;
      counts[pairs[i]! - offset]! += c;
      total += c;
    }
    this.total += total;
    if (first < this.lo) this.lo = first;
    if (last > this.hi) this.hi = last;
  }

  private grow(key: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(512);
      this.offset = key - 256;
      return;
    }
    const low = Math.min(this.offset, key - 64);
    const high = Math.max(this.offset + this.counts.length, key + 65);
    const next = new Float64Array(Math.max(high - low, this.counts.length * 2));
    next.set(this.counts, this.offset - low);
    this.counts = next;
    this.offset = low;
  }

  /** The key holding the value of this rank, counting from the lowest key. */
  keyAtRank(rank: number, lower: boolean): number {
    let running = 0;
    for (let key = this.lo; key <= this.hi; key++) {
      running += this.counts[key - this.offset]!;
      if (lower ? running > rank : running >= rank + 1) return key;
    }
    return this.hi;
  }

  /** Count in bins whose key is at most `key`. */
  countUpTo(key: number): number {
    let n = 0;
    for (let k = this.lo; k <= Math.min(key, this.hi); k++) n += this.counts[k - this.offset]!;
    return n;
  }

  /** Non-empty bins in key order. */
  *entries(): Generator<[number, number]> {
    for (let key = this.lo; key <= this.hi; key++) {
      const count = this.counts[key - this.offset]!;
      if (count !== 0) yield [key, count];
    }
  }
}

export class Sketch {
  private readonly pos = new Bins();
  private readonly neg = new Bins();
  private zero = 0;

  get count(): number {
    return this.zero + this.pos.total + this.neg.total;
  }

  /** Adds `value`, `count` times (a whole number: the encoding stores whole counts). */
  accept(value: number, count = 1): void {
    if (value > ZERO_BAND) this.pos.add(keyOf(value), count);
    else if (value < -ZERO_BAND) this.neg.add(keyOf(-value), count);
    else this.zero += count;
  }

  /** Adds a stored sketch (either encoding) without materialising it. */
  mergeEncoded(bytes: Uint8Array): void {
    if (bytes[0] !== VERSION) return this.mergeLegacy(bytes);
    let at = 1;
    const read = (): number => {
      // Counts can pass 2^32, so no bitwise arithmetic past the first byte.
      let b = bytes[at++];
      if (b === undefined) throw new Error('truncated sketch');
      if (b < 128) return b;
      let n = b & 127;
      for (let scale = 128; ; scale *= 128) {
        b = bytes[at++];
        if (b === undefined) throw new Error('truncated sketch');
        n += (b & 127) * scale;
        if (b < 128) return n;
      }
    };
    this.zero += read();
    for (const bins of [this.pos, this.neg]) {
      const n = read();
      if (n === 0) continue;
      // Decode first, then size the store once for the whole key range.
      if (scratch.length < 2 * n) scratch = new Float64Array(4 * n);
      let key = 0;
      for (let i = 0; i < n; i++) {
        const step = read();
        key = i === 0 ? unzigzag(step) : key + step;
        scratch[2 * i] = key;
        scratch[2 * i + 1] = read();
      }
      bins.addRun(scratch, n);
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
      const entries = [...bins.entries()];
      writeVarint(out, entries.length);
      let prev: number | null = null;
      for (const [key, count] of entries) {
        writeVarint(out, prev === null ? zigzag(key) : key - prev);
        writeVarint(out, count);
        prev = key;
      }
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

  /** Values counted as zero. */
  get zeroCount(): number {
    return this.zero;
  }

  /** Non-empty bins of positive values in key order: values in (bound(key - 1), bound(key)]. */
  positiveBins(): [key: number, count: number][] {
    return [...this.pos.entries()];
  }

  /** How many values are at most `value` (to within the bin holding it: 1% of `value`). */
  countAtMost(value: number): number {
    if (value < -ZERO_BAND) return this.neg.total - this.neg.countUpTo(keyOf(-value) - 1);
    const belowPositive = this.neg.total + this.zero;
    return value > ZERO_BAND ? belowPositive + this.pos.countUpTo(keyOf(value)) : belowPositive;
  }
}

/** Values up to which encodeValues sorts keys instead of filling a dense store. */
export const FEW_VALUES = 64;

/**
 * The encoding of the sketch of `values`, byte for byte what a Sketch that accepted them would
 * encode, without its stores: a flush holds one or a few values of most series (a beacon's
 * vitals), and a dense store costs a 4 KB array each. For up to FEW_VALUES values.
 */
export function encodeValues(values: ArrayLike<number>): Uint8Array {
  let zero = 0;
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value > ZERO_BAND) pos.push(keyOf(value));
    else if (value < -ZERO_BAND) neg.push(keyOf(-value));
    else zero += 1;
  }
  const out: number[] = [VERSION];
  writeVarint(out, zero);
  for (const keys of [pos, neg]) {
    keys.sort((a, b) => a - b);
    let bins = 0;
    for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) bins += 1;
    writeVarint(out, bins);
    let prev: number | null = null;
    for (let i = 0; i < keys.length;) {
      const key = keys[i]!;
      let count = 0;
      while (i < keys.length && keys[i] === key) {
        count += 1;
        i += 1;
      }
      writeVarint(out, prev === null ? zigzag(key) : key - prev);
      writeVarint(out, count);
      prev = key;
    }
  }
  return Uint8Array.from(out);
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

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
