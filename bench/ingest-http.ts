/**
 * Ingestion over HTTP against the production server: 16 concurrent clients each posting
 * 1,000-point batches to POST /api/v1/metrics (and 1,000-record batches to POST /api/v1/requests),
 * in rounds alternating with (a) the no-op route
 * (/api/bench/noop: same key auth and JSON parsing, no validation, no storage) on the same
 * server; (b) the raw driver writing the same number of rows is measured alone for context.
 * Afterwards every acknowledged point must be in the database, or the figure is not reported.
 * Runs on SQLite, and on PostgreSQL when BENCH_POSTGRES_URL's server answers.
 */
import { compare, type BenchResult, type Finding } from './harness';
import { startBenchServer, postgresReachable, type Provider } from './http-server';
import { BATCH, bodies, CLIENTS, poster, REQUEST_BATCH_POINTS, requestBatchBody, type Poster } from './ingest-load';
import { rawPostgresRowsPerSec, rawSqliteRowsPerSec } from './raw-insert';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const TARGETS: Record<Provider, { pointsPerSec: number; ofNoop?: number }> = {
  sqlite: { pointsPerSec: 100_000, ofNoop: 0.5 },
  postgresql: { pointsPerSec: 50_000 },
};

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** Rounds of the no-op route alternating with `path`, both taking `next()`'s bodies; what `path` acknowledged. */
async function alternate(client: Poster, next: () => string, path: string, quick: boolean) {
  let acknowledged = 0;
  const noop = async () => void (await client.post('/api/bench/noop', next()));
  const subject = async () => {
    // Awaited first: `acknowledged += await …` would add to a value read before the wait.
    const accepted = await client.post(path, next());
    acknowledged += accepted;
  };
  const result = await compare(
    noop,
    subject,
    quick
      ? { rounds: 2, roundMs: 1_000, warmupMs: 500, concurrency: CLIENTS }
      : { rounds: 6, roundMs: 3_000, warmupMs: 2_000, concurrency: CLIENTS },
  );
  return { ...result, acknowledged };
}

async function run(provider: Provider, quick: boolean): Promise<BenchResult> {
  const server = await startBenchServer(provider, POSTGRES_URL);
  const client = poster(server.url, server.key);
  try {
    const { baseline, subject, acknowledged } = await alternate(client, bodies(), '/api/v1/metrics', quick);
    const stored = await server.storedPoints();
    if (stored !== acknowledged) {
      throw new Error(`${provider}: ${fmt(acknowledged)} points acknowledged but ${fmt(stored)} stored`);
    }
    await server.stop();

    const rawMs = quick ? 1_000 : 3_000;
    const raw =
      provider === 'sqlite' ? await rawSqliteRowsPerSec(rawMs) : await rawPostgresRowsPerSec(POSTGRES_URL, rawMs);

    const noopPoints = baseline.opsPerSec * BATCH;
    const points = subject.opsPerSec * BATCH;
    const target = TARGETS[provider];
    const verdicts = [
      `${fmt(points)} points/s (target ≥ ${fmt(target.pointsPerSec)}: ${points >= target.pointsPerSec ? 'met' : 'NOT met'})`,
    ];
    if (target.ofNoop) {
      const ratio = subject.opsPerSec / baseline.opsPerSec;
      verdicts.push(
        `${ratio.toFixed(2)}× the no-op route (target ≥ ${target.ofNoop}×: ${ratio >= target.ofNoop ? 'met' : 'NOT met'})`,
      );
    }
    const name = `Ingestion over HTTP, ${CLIENTS} clients × ${fmt(BATCH)}-point batches (${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
    return {
      name,
      baseline: {
        label: `(a) no-op route, key auth + JSON parse (${fmt(noopPoints)} points/s)`,
        ...baseline,
      },
      subject: {
        label: `POST /api/v1/metrics (${fmt(points)} points/s)`,
        ...subject,
      },
      notes: [
        `${name}: ${verdicts.join('; ')}. All ${fmt(acknowledged)} acknowledged points were stored. ` +
          `(b) raw driver, ${provider === 'sqlite' ? 'better-sqlite3 prepared INSERT per row, one transaction' : 'pg 1,000-row multi-VALUES INSERTs, one transaction'}: ${fmt(raw)} rows/s.`,
      ],
    };
  } finally {
    client.close();
    await server.stop().catch(() => {});
  }
}

/**
 * Request records: 16 clients posting 1,000-record batches (raw paths to template, DB time, cache,
 * one in fifty failing) to POST /api/v1/requests, alternating with the no-op route taking the same
 * bodies. Each record becomes four or five points, and the sampler keeps a few whole
 * (RequestSample); every acknowledged record's points must be stored.
 */
async function runRequests(provider: Provider, quick: boolean): Promise<BenchResult> {
  const server = await startBenchServer(provider, POSTGRES_URL);
  const client = poster(server.url, server.key);
  try {
    const next = bodies(CLIENTS, requestBatchBody);
    const { baseline, subject, acknowledged } = await alternate(client, next, '/api/v1/requests', quick);
    const stored = await server.storedPoints();
    const expected = (acknowledged / BATCH) * REQUEST_BATCH_POINTS;
    if (stored !== expected) {
      throw new Error(`${provider}: ${fmt(expected)} points acknowledged but ${fmt(stored)} stored`);
    }
    const samples = await server.rows('RequestSample');
    if (samples === 0) throw new Error(`${provider}: no request was kept whole`);
    const records = subject.opsPerSec * BATCH;
    const ratio = subject.opsPerSec / baseline.opsPerSec;
    const name = `Request records over HTTP, ${CLIENTS} clients × ${fmt(BATCH)}-record batches (${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
    return {
      name,
      baseline: {
        label: `(a) no-op route, key auth + JSON parse (${fmt(baseline.opsPerSec * BATCH)} records/s)`,
        ...baseline,
      },
      subject: {
        label: `POST /api/v1/requests (${fmt(records)} records/s = ${fmt((records * REQUEST_BATCH_POINTS) / BATCH)} points/s)`,
        ...subject,
      },
      notes: [
        `${name}: ${fmt(records)} records/s, ${ratio.toFixed(2)}× the no-op route. All ${fmt(acknowledged)} acknowledged ` +
          `records' ${fmt(expected)} points were stored; ${fmt(samples)} requests were kept whole ` +
          `(${((samples / acknowledged) * 1000).toFixed(2)} per 1,000: at most 16 per route and minute).`,
      ],
    };
  } finally {
    client.close();
    await server.stop().catch(() => {});
  }
}

export async function ingestHttp({ quick = false } = {}): Promise<(BenchResult | Finding)[]> {
  const sqlite = [await run('sqlite', quick), await runRequests('sqlite', quick)];
  if (!(await postgresReachable(POSTGRES_URL))) {
    return [
      ...sqlite,
      { name: 'Ingestion over HTTP (PostgreSQL)', result: 'skipped: no server answers at BENCH_POSTGRES_URL' },
    ];
  }
  return [...sqlite, await run('postgresql', quick), await runRequests('postgresql', quick)];
}
