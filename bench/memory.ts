/**
 * Memory under sustained ingestion: a production server on a fresh SQLite file takes
 * 1,000-point batches from 16 clients paced to BENCH_MEMORY_RATE points/s (default the 100,000
 * target; when the server cannot keep up, the clients send back to back and the achieved rate
 * is reported) for BENCH_MEMORY_SECONDS (default 300). The resident set of the process serving
 * the requests (and of any children it starts) is read from /proc every second; the issue's
 * budget is 300 MB.
 */
import fs from 'node:fs';
import { parseConfig } from '../lib/config';
import type { Finding } from './harness';
import { startBenchServer } from './http-server';
import { BATCH, bodies, CLIENTS, poster } from './ingest-load';

const BUDGET_MB = 300;

function children(pid: number): number[] {
  try {
    const tasks = fs.readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((t) =>
      fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // Gone between listing and reading.
  }
}

/** The server's RSS and that of its process tree (Next.js may start workers of its own). */
function sample(pid: number): { own: number; tree: number } {
  const own = rssKb(pid);
  let tree = own;
  const visit = (p: number) => {
    tree += rssKb(p);
    children(p).forEach(visit);
  };
  children(pid).forEach(visit);
  return { own, tree };
}

const mb = (kb: number) => Math.round(kb / 1024);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export async function memory({ quick = false } = {}): Promise<Finding> {
  const seconds = Number(process.env.BENCH_MEMORY_SECONDS ?? (quick ? 30 : 300));
  const rate = Number(process.env.BENCH_MEMORY_RATE ?? 100_000);
  if (!(seconds > 0) || !(rate > 0)) throw new Error('BENCH_MEMORY_SECONDS and BENCH_MEMORY_RATE must be positive');
  const server = await startBenchServer('sqlite');
  const client = poster(server.url, server.key);
  const next = bodies();
  try {
    const idle = sample(server.pid);
    const samples: { own: number; tree: number }[] = [];
    const timer = setInterval(() => samples.push(sample(server.pid)), 1_000);
    const latencies: number[] = [];
    let acknowledged = 0;
    let issued = 0;
    const intervalMs = (1_000 * BATCH) / rate;
    const start = performance.now();
    const end = start + seconds * 1_000;
    // Paced clients: request k is due at start + k × interval; a client that is late sends at
    // once, and all stop at the end of the duration however far behind they are.
    const paced = async () => {
      for (;;) {
        const due = start + issued++ * intervalMs;
        if (due >= end || performance.now() >= end) return;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const t0 = performance.now();
        const accepted = await client.post('/api/v1/metrics', next());
        acknowledged += accepted;
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, paced));
    const elapsed = (performance.now() - start) / 1_000;
    clearInterval(timer);
    samples.push(sample(server.pid));

    const stored = await server.storedPoints();
    if (stored !== acknowledged)
      throw new Error(`memory: ${fmt(acknowledged)} points acknowledged but ${fmt(stored)} stored`);
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.floor(latencies.length * q)]!.toFixed(1);
    const max = Math.max(...samples.map((s) => s.own));
    const maxTree = Math.max(...samples.map((s) => s.tree));
    const final = samples.at(-1)!;
    const achieved = acknowledged / elapsed;
    const treeNote = maxTree > max ? `; with its child processes max ${mb(maxTree)} MB` : '';
    return {
      name: `Memory: server RSS during ${fmt(seconds)} s of ingestion at ${fmt(rate)} points/s asked (SQLite, SERVER_HEAP_MB=${parseConfig({ NODE_ENV: 'production', SERVER_HEAP_MB: process.env.SERVER_HEAP_MB }).SERVER_HEAP_MB})`,
      result:
        `max ${mb(max)} MB, final ${mb(final.own)} MB (idle before load ${mb(idle.own)} MB; budget ${BUDGET_MB} MB: ${mb(Math.max(max, maxTree)) <= BUDGET_MB ? 'met' : 'NOT met'})${treeNote}; ` +
        `achieved ${fmt(achieved)} points/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms per request; all ${fmt(acknowledged)} acknowledged points stored`,
    };
  } finally {
    client.close();
    await server.stop();
  }
}
