/**
 * npm run bench [-- <name>…] [-- --quick]: runs the benchmarks (all, or the ones named), each
 * with its baseline in the same run, and prints the ratios. A full-length run records each
 * benchmark's figures, date and machine in bench/results.json and rewrites bench/RESULTS.md from
 * it, so running one benchmark updates its own rows and keeps the others'; a quick run records
 * nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult, Finding } from './harness';
import { authOverhead } from './auth-overhead';
import { backfill } from './backfill';
import { optimizer } from './optimizer';
import { dashboardSpeed } from './dashboard-speed';
import { idleMemory } from './idle-memory';
import { ingestHttp } from './ingest-http';
import { ingestWriter } from './ingest-writer';
import { memory } from './memory';
import { queryOverview } from './query-overview';
import { routeOverhead } from './route-overhead';
import { vitalsHttp } from './vitals-http';

type Outcome = BenchResult | Finding;
type Options = { quick: boolean };

const BENCHES: Record<string, (o: Options) => Promise<Outcome | Outcome[]>> = {
  'route-overhead': routeOverhead,
  'auth-overhead': authOverhead,
  'ingest-writer': ingestWriter,
  'ingest-http': ingestHttp,
  'vitals-http': vitalsHttp,
  memory,
  'idle-memory': idleMemory,
  'query-overview': queryOverview,
  backfill,
  optimizer,
  'dashboard-speed': dashboardSpeed,
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

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const RECORD = path.join(import.meta.dirname, 'results.json');
type Recorded = { date: string; machine: string; outcomes: Outcome[] };
const record: Record<string, Recorded> = fs.existsSync(RECORD) ? JSON.parse(fs.readFileSync(RECORD, 'utf8')) : {};

for (const name of selected) {
  console.log(`── ${name}${quick ? ' (quick)' : ''}`);
  const outcomes = [await BENCHES[name]!({ quick })].flat();
  for (const o of outcomes) {
    if ('subject' in o) {
      console.log(
        `${o.name}: ${o.subject.opsPerSec} ops/s (p50 ${o.subject.p50Us} µs, p99 ${o.subject.p99Us} µs) vs ${o.baseline.opsPerSec} baseline (p50 ${o.baseline.p50Us} µs, p99 ${o.baseline.p99Us} µs) = ${(o.subject.opsPerSec / o.baseline.opsPerSec).toFixed(2)}×`,
      );
      for (const line of o.notes ?? []) console.log(`  ${line}`);
    } else console.log(`${o.name}: ${o.result}`);
  }
  // Written after each benchmark, so a long run that stops keeps what it finished.
  if (!quick) {
    record[name] = { date: new Date().toISOString().slice(0, 10), machine, outcomes };
    fs.writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
    writeResults();
  }
}
if (quick) console.log('quick run: bench/RESULTS.md left as it was');

function writeResults(): void {
  const sections = Object.entries(BENCHES)
    .filter(([name]) => record[name])
    .map(([name]) => {
      const { date, machine: on, outcomes } = record[name]!;
      const results = outcomes.filter((o): o is BenchResult => 'subject' in o);
      const findings = outcomes.filter((o): o is Finding => !('subject' in o));
      const notes = results.flatMap((r) => r.notes ?? []);
      const rows = results.map(
        (r) =>
          `| ${r.name} | ${r.baseline.label}: ${r.baseline.opsPerSec.toLocaleString('en')} ops/s, p50 ${r.baseline.p50Us} µs, p99 ${r.baseline.p99Us} µs | ${r.subject.label}: ${r.subject.opsPerSec.toLocaleString('en')} ops/s, p50 ${r.subject.p50Us} µs, p99 ${r.subject.p99Us} µs | ${(r.subject.opsPerSec / r.baseline.opsPerSec).toFixed(2)}× | ${Math.round(1e6 / r.subject.opsPerSec - 1e6 / r.baseline.opsPerSec)} µs |`,
      );
      return [
        `## ${name}`,
        '',
        `${date}, on ${on}.`,
        '',
        ...(rows.length
          ? [
              '| Benchmark | Baseline | Subject | Ratio (subject ÷ baseline) | Added per call |',
              '| --- | --- | --- | --- | --- |',
              ...rows,
              '',
            ]
          : []),
        ...notes.map((n) => `- ${n}`),
        ...(notes.length ? [''] : []),
        ...(findings.length
          ? ['| Measurement | Result |', '| --- | --- |', ...findings.map((f) => `| ${f.name} | ${f.result} |`), '']
          : []),
      ].join('\n');
    });
  const md = `# Benchmark results

Written by \`npm run bench\` (bench/results.json holds the figures): each benchmark's latest
full-length run, with its date and machine. Each runs its baseline in the same run; compare the
ratios, not absolute numbers across machines or days.

${sections.join('\n')}`;
  fs.writeFileSync(path.join(import.meta.dirname, 'RESULTS.md'), md);
}
