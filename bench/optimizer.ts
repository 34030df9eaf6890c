/**
 * The optimizer's detection pass on a large project, on SQLite and PostgreSQL, each measurement
 * with its baseline in the same run:
 *
 * 1. A full pass (route profiles, Web Vitals, CPU, the detectors; nothing saved) over a project of
 *    BENCH_OPTIMIZER_ROUTES routes (1,000; its series limit raised for it) holding 30 days of
 *    request records written through the history writer (the demo's fast path), with a 30-day
 *    window, against reading the same rollups (every route's RED series over the same range) with
 *    no analysis.
 * 2. Ingestion while passes run: 1,000-record batches through IngestWriter (stamped now), alone
 *    and with detection passes looping in the same process, as the job runs beside ingestion in a
 *    server, in phases taken in turn (alone, with, alone, with). The aim: a pass does not hold
 *    ingestion up.
 *
 * Records are deterministic: each route gets a weighted record every hour of the 30 days (a few
 * durations, database time and queries, cache hits, response sizes), some routes slow, some failing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DbProvider } from '../lib/db/url';
import type { RequestRecord } from '../lib/ingest/schema';
import { compare, type BenchResult, type Finding } from './harness';
import { postgresReachable } from './http-server';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const HOUR = 3_600_000;
const DAY = 86_400_000;

type Outcome = BenchResult | Finding;
type Store = { url: string; drop(): Promise<void> };

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const providerName = (p: DbProvider) => (p === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** Route `r`'s records for the hour starting at `t`: three durations, each standing for `weight` requests. */
function hourOf(r: number, t: number): RequestRecord[] {
  const slow = r % 50 === 0;
  const failing = r % 97 === 0;
  const base = slow ? 900 : 30 + (r % 200);
  return [0.6, 1, 2.2].map((f, k) => ({
    service: `svc${r % 10}`,
    route: `/api/r${r}/[id]`,
    method: 'GET',
    status: failing && k === 2 ? 500 : 200,
    durationMs: Math.round(base * f),
    dbTimeMs: Math.round(base * f * (r % 3 === 0 ? 0.7 : 0.2)),
    dbQueries: r % 7 === 0 ? 12 : 2,
    cacheHit: k !== 2 || r % 5 !== 0,
    responseBytes: r % 41 === 0 ? 500_000 : 8_000 + r,
    ts: t + ((r * 7_919 + k * 1_201) % HOUR),
    weight: 5 + ((r + k) % 10),
  }));
}

function freshSqlite(dir: string, name: string): Store {
  const file = path.join(dir, `${name}.db`);
  return {
    url: `file:${file}`,
    drop: async () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

function freshPostgres(): Store {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A migrated store with a project holding 30 days of `routes` routes, written as history. */
async function load(provider: DbProvider, store: Store, routes: number, days: number) {
  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  const { createDb } = await import('../lib/db/client');
  const { createProject } = await import('../lib/projects/store');
  const { compact, HistoryWriter } = await import('../lib/rollup');
  const { fanOut } = await import('../lib/ingest/requests');
  const target = parseDatabaseUrl(store.url);
  await migrate(target);
  const db = createDb(target);
  const project = await createProject(db, 'bench', { name: 'Bench', slug: 'bench' });
  const now = Date.now();
  await compact(db, provider);
  const start = Math.floor((now - days * DAY) / DAY) * DAY + DAY;
  const end = Math.floor((now - 2 * HOUR) / HOUR) * HOUR;
  const history = await HistoryWriter.open(db, provider, project.id, end, { seriesLimit: routes * 20 });
  const t0 = performance.now();
  let records = 0;
  for (let day = start; day < end; day += DAY) {
    for (let t = day; t < Math.min(day + DAY, end); t += HOUR) {
      const batch: RequestRecord[] = [];
      for (let r = 0; r < routes; r++) batch.push(...hourOf(r, t));
      records += batch.length;
      history.stage(fanOut(batch));
    }
    await history.commit();
  }
  await history.finish();
  await compact(db, provider, { budgetMs: 600_000 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  ${provider}: ${fmt(records)} weighted records over ${days} days written in ${seconds.toFixed(1)} s`);
  return { db, project, records, seconds };
}

async function runOn(provider: DbProvider, store: Store, quick: boolean): Promise<Outcome[]> {
  const routes = Number(process.env.BENCH_OPTIMIZER_ROUTES ?? (quick ? 100 : 1_000));
  const days = quick ? 3 : 30;
  const label = providerName(provider);
  const { db, project, records, seconds } = await load(provider, store, routes, days);
  try {
    const { findForProject } = await import('../lib/optimizer/run');
    const { RED_METRICS } = await import('../lib/metrics');
    const { findSeries, rollupsFor } = await import('../lib/rollup');
    const { setThresholds } = await import('../lib/optimizer/settings');
    const { IngestWriter } = await import('../lib/ingest/writer');
    const { fanOut } = await import('../lib/ingest/requests');
    await setThresholds(db, 'bench', project.id, { windowHours: days * 24 });
    const window = { from: Date.now() - days * 24 * HOUR, to: Date.now() };

    // The same rollups a pass reads for its routes, read and dropped.
    const metrics = [
      RED_METRICS.duration,
      RED_METRICS.dbDuration,
      RED_METRICS.dbQueries,
      RED_METRICS.cacheHits,
      RED_METRICS.cacheMisses,
      RED_METRICS.responseSize,
    ];
    const readOnly = async () => {
      await Promise.all(
        metrics.map(async (m) => {
          const series = await findSeries(db, project.id, m);
          await rollupsFor(db, { ids: series.map((s) => s.id), total: null }, window);
        }),
      );
    };
    let findings = 0;
    const pass = async () => {
      findings = (await findForProject(db, project)).findings.length;
    };
    const rounds = quick ? { rounds: 2, roundMs: 500, warmupMs: 200 } : { rounds: 4, roundMs: 3_000, warmupMs: 1_000 };
    const passResult = await compare(readOnly, pass, rounds);
    const detection: BenchResult = {
      name: `Detection pass, ${fmt(routes)} routes, ${days}-day window (${label})`,
      baseline: { label: 'the same rollups read, no analysis', ...passResult.baseline },
      subject: { label: `a full pass (${findings} findings)`, ...passResult.subject },
      notes: [
        `Detection pass (${label}): ${fmt(routes)} routes, ${fmt(records)} weighted records over ${days} days (written in ${seconds.toFixed(1)} s through the history writer); ` +
          `a pass takes p50 ${(passResult.subject.p50Us / 1000).toFixed(0)} ms against ${(passResult.baseline.p50Us / 1000).toFixed(0)} ms to read its rollups; ${findings} findings.`,
      ],
    };

    // Ingestion alone, and with passes looping beside it: phases in turn (alone, with, alone, with),
    // each timed only once its passes are running or have stopped.
    const writer = new IngestWriter(db, provider);
    let n = 0;
    const ingest = () =>
      writer.submit(
        project.id,
        fanOut(
          Array.from({ length: 1_000 }, (_, i) => ({
            ...hourOf((n++ + i) % routes, Date.now())[0]!,
            ts: Date.now() - 1_000,
            weight: undefined,
          })),
        ),
      );
    const phaseMs = quick ? 1_000 : 8_000;
    const alone: number[] = [];
    const during: number[] = [];
    let passes = 0;
    const timed = async (into: number[]) => {
      const end = performance.now() + phaseMs;
      while (performance.now() < end) {
        const t0 = performance.now();
        await ingest();
        into.push(performance.now() - t0);
      }
    };
    for (let phase = 0; phase < 2; phase++) {
      await timed(alone);
      let passing = true;
      const loop = (async () => {
        while (passing) {
          await pass();
          passes++;
        }
      })();
      await timed(during);
      passing = false;
      await loop;
    }
    await writer.flush();
    const stats = (samples: number[]) => {
      const sorted = [...samples].sort((x, y) => x - y);
      const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]! * 1000);
      const total = samples.reduce((x, y) => x + y, 0);
      return {
        opsPerSec: Math.round((samples.length / total) * 1000 * 100) / 100,
        p50Us: at(0.5),
        p99Us: at(0.99),
        iterations: samples.length,
      };
    };
    const ingestResult = { baseline: stats(alone), subject: stats(during) };
    const ratio = ingestResult.subject.p50Us / ingestResult.baseline.p50Us;
    const ingestion: BenchResult = {
      name: `Ingestion of 1,000-record batches during detection passes (${label})`,
      baseline: { label: 'ingestion alone', ...ingestResult.baseline },
      subject: { label: `with passes looping beside it (${passes} passes)`, ...ingestResult.subject },
      notes: [
        `Ingestion during detection (${label}): a batch's p50 ${(ingestResult.subject.p50Us / 1000).toFixed(0)} ms with passes running against ${(ingestResult.baseline.p50Us / 1000).toFixed(0)} ms alone (${ratio.toFixed(2)}×), p99 ${(ingestResult.subject.p99Us / 1000).toFixed(0)} ms against ${(ingestResult.baseline.p99Us / 1000).toFixed(0)} ms; ${passes} passes ran during ${(2 * phaseMs) / 1000} s.`,
      ],
    };
    return [detection, ingestion];
  } finally {
    await db.$disconnect();
    await store.drop();
  }
}

export async function optimizer({ quick = false } = {}): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-optimizer-'));
  try {
    outcomes.push(...(await runOn('sqlite', freshSqlite(dir, 'optimizer'), quick)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!(await postgresReachable(POSTGRES_URL))) {
    outcomes.push({ name: 'Optimizer (PostgreSQL)', result: 'skipped: no server answers at BENCH_POSTGRES_URL' });
    return outcomes;
  }
  outcomes.push(...(await runOn('postgresql', freshPostgres(), quick)));
  return outcomes;
}
