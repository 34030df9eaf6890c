/**
 * npm run bench: runs every benchmark with its baseline in the same run, prints the ratios and
 * rewrites bench/RESULTS.md with them and the machine they ran on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './harness';
import { authOverhead } from './auth-overhead';
import { ingestWriter } from './ingest-writer';
import { routeOverhead } from './route-overhead';

const benches: (() => Promise<BenchResult | BenchResult[]>)[] = [routeOverhead, authOverhead, ingestWriter];

const results: BenchResult[] = [];
for (const bench of benches) {
  results.push(...[await bench()].flat());
}
for (const r of results) {
  console.log(
    `${r.name}: ${r.subject.opsPerSec} ops/s vs ${r.baseline.opsPerSec} baseline = ${(r.subject.opsPerSec / r.baseline.opsPerSec).toFixed(2)}×`,
  );
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.baseline.label}: ${r.baseline.opsPerSec.toLocaleString('en')} ops/s, p99 ${r.baseline.p99Us} µs | ${r.subject.label}: ${r.subject.opsPerSec.toLocaleString('en')} ops/s, p99 ${r.subject.p99Us} µs | ${(r.subject.opsPerSec / r.baseline.opsPerSec).toFixed(2)}× | ${Math.round(1e6 / r.subject.opsPerSec - 1e6 / r.baseline.opsPerSec)} µs |`,
);
const md = `# Benchmark results

Latest run of \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}, on ${machine}.
Each benchmark runs its baseline in the same run; compare the ratios, not absolute numbers across machines.

| Benchmark | Baseline | Subject | Ratio (subject ÷ baseline) | Added per call |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
fs.writeFileSync(path.join(import.meta.dirname, 'RESULTS.md'), md);
console.log('wrote bench/RESULTS.md');
