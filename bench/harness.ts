/**
 * A small, honest timing loop. Baseline and subject run in alternating rounds, so drift in the
 * machine's load, JIT warm-up and GC pressure fall on both alike; ops/s and p99 are reported
 * over all rounds.
 */
export type Measured = { opsPerSec: number; p99Us: number; iterations: number };
export type BenchResult = {
  name: string;
  baseline: Measured & { label: string };
  subject: Measured & { label: string };
};

type Fn = () => Promise<void>;

async function round(fn: Fn, ms: number, samples: number[]): Promise<number> {
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return performance.now() - start;
}

function summarize(samples: number[], elapsedMs: number): Measured {
  samples.sort((a, b) => a - b);
  return {
    opsPerSec: Math.round((samples.length / elapsedMs) * 1000),
    p99Us: Math.round(samples[Math.floor(samples.length * 0.99)]! * 1000),
    iterations: samples.length,
  };
}

export async function compare(
  baseline: Fn,
  subject: Fn,
  { rounds = 10, roundMs = 400, warmupMs = 500 } = {},
): Promise<{ baseline: Measured; subject: Measured }> {
  await round(baseline, warmupMs, []);
  await round(subject, warmupMs, []);
  const b: number[] = [];
  const s: number[] = [];
  let bMs = 0;
  let sMs = 0;
  for (let i = 0; i < rounds; i++) {
    bMs += await round(baseline, roundMs, b);
    sMs += await round(subject, roundMs, s);
  }
  return { baseline: summarize(b, bMs), subject: summarize(s, sMs) };
}
