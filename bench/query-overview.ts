/**
 * The 30-day overview a dashboard opens with (stats + a ~300-step timeseries + the 10 slowest
 * routes by p95) over ≥ 20 million stored request durations, against the same answer computed
 * from the raw points in the same run (better-sqlite3 streaming every point on SQLite;
 * sorting in PostgreSQL). The data goes through the ingestion writer and the compaction
 * job, as in production. The answers are checked against each other: counts equal, percentiles
 * within 1%.
 *
 * BENCH_QUERY_POINTS (default 20,000,000) sets the size; BENCH_QUERY_KEEP=1 keeps the generated
 * data in bench/out/ and reuses it in the next run. PostgreSQL runs on BENCH_POSTGRES_URL
 * (default postgresql://postgres@127.0.0.1:5432/test).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Db } from '../lib/db/client';
import type { DbProvider } from '../lib/db/url';
import { TOTAL_DIMS } from '../lib/rollup';
import type { BenchResult, Measured } from './harness';
import { Random } from '../lib/random';

const FULL_POINTS = Number(process.env.BENCH_QUERY_POINTS ?? 20_000_000);
let POINTS = FULL_POINTS;
const KEEP = process.env.BENCH_QUERY_KEEP === '1';
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);
const RANGE = { from: END - 30 * DAY, to: END };
const ROUTES = Array.from({ length: 24 }, (_, i) => `/api/v1/resource${i}/[id]`);
const METRIC = 'http.server.request.duration';
const SUBJECT_RUNS = 40;
const OUT = path.join(import.meta.dirname, 'out');

type Overview = {
  count: number;
  p95: number | null;
  steps: number;
  stepCount: number;
  top: string[];
  topP95: number[];
};

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

/** Latencies: lognormal per route (some routes slow), more traffic by day than by night. */
async function generate(db: Db, provider: DbProvider, projectId: string): Promise<void> {
  const { IngestWriter } = await import('../lib/ingest/writer');
  const { compact } = await import('../lib/rollup');
  const writer = new IngestWriter(db, provider, { maxPendingPoints: 1_000_000 });
  const rand = random(42);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const statusClass = () => {
    const x = rand();
    return x < 0.97 ? '2xx' : x < 0.99 ? '4xx' : '5xx';
  };
  const perMs = POINTS / (RANGE.to - RANGE.from);
  const started = Date.now();
  let written = 0;
  let t = RANGE.from;
  const inflight: Promise<void>[] = [];
  while (written < POINTS) {
    const batch = [];
    for (let i = 0; i < 5_000 && written < POINTS; i++, written++) {
      t += 1 / perMs;
      const r = Math.floor(rand() ** 2 * ROUTES.length);
      const median = 30 + r * 15;
      batch.push({
        name: METRIC,
        kind: 'distribution' as const,
        unit: 'ms',
        tags: { service: 'shop', route: ROUTES[r]!, method: r % 3 ? 'GET' : 'POST', status_class: statusClass() },
        ts: Math.floor(t),
        value: Math.exp(Math.log(median) + 0.7 * normal()),
      });
    }
    inflight.push(writer.submit(projectId, batch));
    if (inflight.length >= 16) await Promise.all(inflight.splice(0));
    if (written % 1_000_000 === 0) {
      process.stdout.write(
        `  ${provider}: ${(written / 1e6).toFixed(0)}M points, ${Math.round(written / ((Date.now() - started) / 1000)).toLocaleString('en')}/s\r`,
      );
    }
  }
  await Promise.all(inflight);
  console.log(
    `\n  ${provider}: ${POINTS.toLocaleString('en')} points in ${((Date.now() - started) / 1000).toFixed(0)} s; compacting`,
  );
  const c0 = Date.now();
  let report;
  do report = await compact(db, provider, { now: END + 3_600_000, budgetMs: 600_000 });
  while (!report.caughtUp);
  console.log(`  ${provider}: compacted in ${((Date.now() - c0) / 1000).toFixed(0)} s`);
}

async function overviewFromRollups(db: Db, projectId: string): Promise<Overview> {
  const { getStats } = await import('../lib/queries/stats');
  const { getTimeseries } = await import('../lib/queries/timeseries');
  const { getTop } = await import('../lib/queries/top');
  const [stats, series, top] = await Promise.all([
    getStats(db, projectId, METRIC, {}, RANGE),
    getTimeseries(db, projectId, METRIC, {}, RANGE),
    getTop(db, projectId, METRIC, {}, RANGE, { by: 'route', order: 'p95', limit: 10 }),
  ]);
  return {
    count: stats.count,
    p95: stats.p95,
    steps: series.points.length,
    stepCount: series.points.reduce((n, p) => n + p.count, 0),
    top: top.map((r) => r.value),
    topP95: top.map((r) => r.p95!),
  };
}

const nearest = (sorted: Float64Array, q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

/** SQLite: every point streamed through the raw driver, exact percentiles in memory. */
function overviewFromRawSqlite(file: string, seriesRoute: Map<number, string>, step: number): Overview {
  const raw = new Database(file, { readonly: true });
  try {
    const ids = [...seriesRoute.keys()];
    const count = (
      raw
        .prepare(`SELECT COUNT(*) AS n FROM "Point" WHERE "seriesId" IN (${ids.join(',')}) AND ts >= ? AND ts < ?`)
        .get(RANGE.from, RANGE.to) as { n: number }
    ).n;
    const all = new Float64Array(count);
    const byRoute = new Map<string, number[]>();
    const steps = new Map<number, number>();
    let i = 0;
    const stmt = raw
      .prepare(
        `SELECT "seriesId", ts, value FROM "Point" WHERE "seriesId" IN (${ids.join(',')}) AND ts >= ? AND ts < ?`,
      )
      .raw();
    for (const [seriesId, ts, value] of stmt.iterate(RANGE.from, RANGE.to) as Iterable<[number, number, number]>) {
      all[i++] = value;
      const route = seriesRoute.get(seriesId)!;
      const list = byRoute.get(route);
      if (list) list.push(value);
      else byRoute.set(route, [value]);
      const s = Math.floor(ts / step);
      steps.set(s, (steps.get(s) ?? 0) + 1);
    }
    all.sort();
    const top = [...byRoute]
      .map(([route, values]) => [route, nearest(Float64Array.from(values).sort(), 0.95)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10);
    return {
      count,
      p95: nearest(all, 0.95),
      steps: steps.size,
      stepCount: [...steps.values()].reduce((a, b) => a + b, 0),
      top: top.map(([r]) => r),
      topP95: top.map(([, p]) => p),
    };
  } finally {
    raw.close();
  }
}

/** PostgreSQL: the database computes it from the raw rows (sorts and window functions). */
async function overviewFromRawPostgres(
  url: string,
  schema: string,
  seriesRoute: Map<number, string>,
  step: number,
): Promise<Overview> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    const ids = [...seriesRoute.keys()];
    const where = `"seriesId" = ANY($1) AND ts >= $2 AND ts < $3`;
    const params = [ids, RANGE.from, RANGE.to];
    // Percentiles by nearest rank ⌊q·(n−1)⌋, the rank DDSketch's guarantee is stated for
    // (percentile_disc takes ⌈q·n⌉, one higher at times, which in a sparse tail is more than 1% away).
    const total = await client.query(`SELECT COUNT(*)::float8 AS n FROM "Point" WHERE ${where}`, params);
    const n: number = total.rows[0].n;
    const p95 = await client.query(
      `SELECT value FROM "Point" WHERE ${where} ORDER BY value OFFSET ${Math.floor(0.95 * (n - 1))} LIMIT 1`,
      params,
    );
    const series = await client.query(
      `SELECT COUNT(*)::float8 AS n FROM "Point" WHERE ${where} GROUP BY ts / ${step}`,
      params,
    );
    // Per route (several series per route): the value at the route's rank.
    const routes = await client.query(
      `SELECT route, value AS p95 FROM (
         SELECT s.route, p.value, row_number() OVER w - 1 AS rank, count(*) OVER (PARTITION BY s.route) AS n
           FROM "Point" p JOIN (SELECT unnest($1::bigint[]) AS id, unnest($4::text[]) AS route) s ON s.id = p."seriesId"
          WHERE p.ts >= $2 AND p.ts < $3
         WINDOW w AS (PARTITION BY s.route ORDER BY p.value)) ranked
        WHERE rank = floor(0.95 * (n - 1)) ORDER BY p95 DESC LIMIT 10`,
      [ids, RANGE.from, RANGE.to, ids.map((id) => seriesRoute.get(id)!)],
    );
    return {
      count: n,
      p95: p95.rows[0]?.value ?? null,
      steps: series.rows.length,
      stepCount: series.rows.reduce((n: number, r: { n: number }) => n + r.n, 0),
      top: routes.rows.map((r: { route: string }) => r.route),
      topP95: routes.rows.map((r: { p95: number }) => r.p95),
    };
  } finally {
    await client.end();
  }
}

function measured(samples: number[]): Measured & { p95Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    opsPerSec: Math.round((samples.length / total) * 1000 * 100) / 100,
    p50Us: Math.round(sorted[Math.floor(0.5 * (sorted.length - 1))]! * 1000),
    p99Us: Math.round(sorted[Math.floor(0.99 * (sorted.length - 1))]! * 1000),
    p95Ms: Math.round(sorted[Math.floor(0.95 * (sorted.length - 1))]! * 10) / 10,
    iterations: samples.length,
  };
}

function check(provider: string, fast: Overview, exact: Overview): void {
  const off = (a: number, b: number) => Math.abs(a - b) / b;
  const problems = [];
  if (fast.count !== exact.count) problems.push(`count ${fast.count} vs ${exact.count}`);
  if (off(fast.p95!, exact.p95!) > 0.01) problems.push(`p95 ${fast.p95} vs ${exact.p95}`);
  if (fast.stepCount !== exact.stepCount) problems.push(`timeseries total ${fast.stepCount} vs ${exact.stepCount}`);
  fast.topP95.forEach((p, i) => {
    const j = exact.top.indexOf(fast.top[i]!);
    if (j < 0 || off(p, exact.topP95[j]!) > 0.01)
      problems.push(`top route ${fast.top[i]} p95 ${p} vs ${j < 0 ? 'absent' : exact.topP95[j]}`);
  });
  if (problems.length) throw new Error(`${provider}: rollup and raw answers differ: ${problems.join('; ')}`);
}

async function runOn(
  provider: DbProvider,
  url: string,
  file: string | null,
  schema: string | null,
): Promise<BenchResult> {
  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  const { createDb } = await import('../lib/db/client');
  const { createProject } = await import('../lib/projects/store');
  const { stepFor } = await import('../lib/queries/steps');
  const target = parseDatabaseUrl(url);
  await migrate(target);
  const db = createDb(target);
  try {
    const kept = await db.project.findUnique({ where: { slug: 'bench' } });
    if (kept && (await db.point.count()) < POINTS) throw new Error(`${provider}: kept data is incomplete: delete it`);
    const project = kept ?? (await createProject(db, 'bench', { name: 'Bench' }));
    if (!kept) await generate(db, provider, project.id);
    const series = await db.series.findMany({
      where: { projectId: project.id, name: METRIC, NOT: { dims: TOTAL_DIMS } },
    });
    const seriesRoute = new Map(series.map((s) => [Number(s.id), (JSON.parse(s.dims) as { route: string }).route]));

    await overviewFromRollups(db, project.id); // warm-up
    const samples: number[] = [];
    let fast: Overview | null = null;
    for (let i = 0; i < SUBJECT_RUNS; i++) {
      const t0 = performance.now();
      fast = await overviewFromRollups(db, project.id);
      samples.push(performance.now() - t0);
    }
    const step = stepFor(RANGE, 300);
    const rawSamples: number[] = [];
    let exact: Overview | null = null;
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      exact = file
        ? overviewFromRawSqlite(file, seriesRoute, step)
        : await overviewFromRawPostgres(url.split('?')[0]!, schema!, seriesRoute, step);
      rawSamples.push(performance.now() - t0);
    }
    check(provider, fast!, exact!);
    const subject = measured(samples);
    const baseline = measured(rawSamples);
    const name = provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    return {
      name: `30-day overview (stats + timeseries + top 10 routes) over ${(exact!.count / 1e6).toFixed(1)}M points (${name})`,
      baseline: { label: `computed from raw points (p95 ${Math.round(baseline.p95Ms)} ms)`, ...baseline },
      subject: { label: `rollups and merged sketches (p95 ${subject.p95Ms} ms)`, ...subject },
    };
  } finally {
    await db.$disconnect();
  }
}

export async function queryOverview({ quick = false } = {}): Promise<BenchResult[]> {
  POINTS = quick ? 500_000 : FULL_POINTS;
  fs.mkdirSync(OUT, { recursive: true });
  const results: BenchResult[] = [];
  const file = path.join(OUT, `query-${POINTS}.db`);
  if (!KEEP) fs.rmSync(file, { force: true });
  try {
    results.push(await runOn('sqlite', `file:${file}`, file, null));
  } finally {
    if (!KEEP) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const pgUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  {
    const schema = `bench_query_${POINTS}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      if (!KEEP) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      const url = new URL(pgUrl);
      url.searchParams.set('schema', schema);
      results.push(await runOn('postgresql', url.toString(), null, schema));
    } finally {
      if (!KEEP) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }
  return results;
}
