/**
 * A small, honest timing loop. Baseline and subject run in alternating rounds, so drift in the
 * machine's load, JIT warm-up and GC pressure fall on both alike; ops/s, p50 and p99 are
 * reported over all rounds. With `concurrency`, that many callers loop independently (like
 * clients of a server), each call timed on its own.
 */
export type Measured = { opsPerSec: number; p50Us: number; p99Us: number; iterations: number };
export type BenchResult = {
  name: string;
  baseline: Measured & { label: string };
  subject: Measured & { label: string };
  /** Lines printed under the results table: targets, checks, context figures. */
  notes?: string[];
};
/** A measurement with no baseline of its own (e.g. memory), one row of its own table. */
export type Finding = { name: string; result: string };

type Fn = () => Promise<void>;
export type CompareOptions = { rounds?: number; roundMs?: number; warmupMs?: number; concurrency?: number };

async function round(fn: Fn, ms: number, samples: number[], concurrency = 1): Promise<number> {
  const start = performance.now();
  const end = start + ms;
  const caller = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  return performance.now() - start;
}

function summarize(samples: number[], elapsedMs: number): Measured {
  samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(samples[Math.floor(samples.length * q)]! * 1000);
  return {
    opsPerSec: Math.round((samples.length / elapsedMs) * 1000),
    p50Us: at(0.5),
    p99Us: at(0.99),
    iterations: samples.length,
  };
}

export async function compare(
  baseline: Fn,
  subject: Fn,
  { rounds = 10, roundMs = 400, warmupMs = 500, concurrency = 1 }: CompareOptions = {},
): Promise<{ baseline: Measured; subject: Measured }> {
  await round(baseline, warmupMs, [], concurrency);
  await round(subject, warmupMs, [], concurrency);
  const b: number[] = [];
  const s: number[] = [];
  let bMs = 0;
  let sMs = 0;
  for (let i = 0; i < rounds; i++) {
    bMs += await round(baseline, roundMs, b, concurrency);
    sMs += await round(subject, roundMs, s, concurrency);
  }
  return { baseline: summarize(b, bMs), subject: summarize(s, sMs) };
}

/** One function alone, for context figures that have no subject to alternate with. */
export async function measure(fn: Fn, { ms = 2_000, warmupMs = 500 } = {}): Promise<Measured> {
  await round(fn, warmupMs, []);
  const samples: number[] = [];
  return summarize(samples, await round(fn, ms, samples));
}
