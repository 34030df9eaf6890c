/** A small, honest timing loop: warm up, then run for a fixed time and report ops/s and p99. */
export type Measured = { opsPerSec: number; p99Us: number; iterations: number };
export type BenchResult = {
  name: string;
  baseline: Measured & { label: string };
  subject: Measured & { label: string };
};

export async function measure(fn: () => Promise<void>, { warmupMs = 500, runMs = 3_000 } = {}): Promise<Measured> {
  const warmupEnd = performance.now() + warmupMs;
  while (performance.now() < warmupEnd) await fn();
  const samples: number[] = [];
  const start = performance.now();
  const end = start + runMs;
  while (performance.now() < end) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    opsPerSec: Math.round((samples.length / elapsed) * 1000),
    p99Us: Math.round(samples[Math.floor(samples.length * 0.99)]! * 1000),
    iterations: samples.length,
  };
}
