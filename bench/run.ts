/**
 * npm run bench [-- <name>…] [-- --quick]: runs the benchmarks (all, or the ones named), each
 * with its baseline in the same run, and prints the ratios. Only a complete run of all of them
 * at full length rewrites bench/RESULTS.md with its figures and the machine they ran on, so a
 * partial or quick run never replaces a complete record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult, Finding } from './harness';
import { authOverhead } from './auth-overhead';
import { ingestHttp } from './ingest-http';
import { ingestWriter } from './ingest-writer';
import { memory } from './memory';
import { routeOverhead } from './route-overhead';

type Outcome = BenchResult | Finding;
type Options = { quick: boolean };

const BENCHES: Record<string, (o: Options) => Promise<Outcome | Outcome[]>> = {
  'route-overhead': routeOverhead,
  'auth-overhead': authOverhead,
  'ingest-writer': ingestWriter,
  'ingest-http': ingestHttp,
  memory,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const selected = named.length ? named : Object.keys(BENCHES);

const outcomes: Outcome[] = [];
for (const name of selected) {
  console.log(`── ${name}${quick ? ' (quick)' : ''}`);
  outcomes.push(...[await BENCHES[name]!({ quick })].flat());
}
const results = outcomes.filter((o): o is BenchResult => 'subject' in o);
const findings = outcomes.filter((o): o is Finding => !('subject' in o));
const notes = results.flatMap((r) => r.notes ?? []);

for (const r of results) {
  console.log(
    `${r.name}: ${r.subject.opsPerSec} ops/s (p50 ${r.subject.p50Us} µs, p99 ${r.subject.p99Us} µs) vs ${r.baseline.opsPerSec} baseline (p50 ${r.baseline.p50Us} µs, p99 ${r.baseline.p99Us} µs) = ${(r.subject.opsPerSec / r.baseline.opsPerSec).toFixed(2)}×`,
  );
}
for (const line of notes) console.log(`  ${line}`);
for (const f of findings) console.log(`${f.name}: ${f.result}`);

if (quick || selected.length !== Object.keys(BENCHES).length) {
  console.log('bench/RESULTS.md left as it was: only a complete run at full length rewrites it');
  process.exit(0);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.baseline.label}: ${r.baseline.opsPerSec.toLocaleString('en')} ops/s, p50 ${r.baseline.p50Us} µs, p99 ${r.baseline.p99Us} µs | ${r.subject.label}: ${r.subject.opsPerSec.toLocaleString('en')} ops/s, p50 ${r.subject.p50Us} µs, p99 ${r.subject.p99Us} µs | ${(r.subject.opsPerSec / r.baseline.opsPerSec).toFixed(2)}× | ${Math.round(1e6 / r.subject.opsPerSec - 1e6 / r.baseline.opsPerSec)} µs |`,
);
const md = `# Benchmark results

Latest run of \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}, on ${machine}.
Each benchmark runs its baseline in the same run; compare the ratios, not absolute numbers across machines.

| Benchmark | Baseline | Subject | Ratio (subject ÷ baseline) | Added per call |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
${notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}${
  findings.length
    ? `\n| Measurement | Result |\n| --- | --- |\n${findings.map((f) => `| ${f.name} | ${f.result} |`).join('\n')}\n`
    : ''
}`;
fs.writeFileSync(path.join(import.meta.dirname, 'RESULTS.md'), md);
console.log('wrote bench/RESULTS.md');
