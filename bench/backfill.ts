/**
 * A 30-day backfill, on SQLite and PostgreSQL, three measurements each with its baseline in the
 * same run:
 *
 * 1. Ingestion rate: IngestWriter taking 8 concurrent 1,000-request-record batches (fanOut: ~4
 *    points a record) stamped within the last second (live: minute rollups), in rounds
 *    alternating with the same batches spread over the last 30 days (staged in LatePoint, as
 *    compaction has built those hours). Target from the issue: backfill ≥ 0.5× live.
 * 2. Catch-up: BENCH_BACKFILL_RECORDS records spread over 30 days ingested into a fresh store
 *    (8 concurrent 1,000-record batches at a time), then compaction run as the server's job runs
 *    it while a backlog is left (20 s budget per run, the next one a second later: runSoon) until
 *    it has caught up; LatePoint and RollupDirty must be empty afterwards.
 * 3. Reads meanwhile: in the same process, as in the server, a reader asks for the dashboard's
 *    30-day Observatory view, then its Endpoints view, once a second while step 2's compaction
 *    runs; then the same reads as many times on the idle store. Each read arrives through the
 *    event loop (a timer), as a request does, and its latency counts from when it was asked, so
 *    time the process spends unable to take it counts too. The aim: readers never wait seconds
 *    behind compaction. Afterwards both views must count exactly the records ingested.
 *
 * Records are deterministic (a counter and a hash): 50 routes × 3 services, GET, ~1% status 500,
 * durations 20-320 ms, DB time and queries; backfill timestamps follow a golden-ratio sequence,
 * so every batch spreads over the whole 30 days (a worst case for the hours a batch touches).
 * PostgreSQL runs on BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test), in
 * `bench_…` schemas made and dropped by the run; SQLite in a temporary directory.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../lib/db/client';
import type { DbProvider } from '../lib/db/url';
import type { RequestRecord } from '../lib/ingest/schema';
import { compare, type BenchResult, type Finding, type Measured } from './harness';
import { postgresReachable } from './http-server';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const CONCURRENT = 8;
const BATCH = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SERVICES = ['shop', 'billing', 'search'];
const ROUTES = Array.from({ length: 50 }, (_, i) => `/api/v1/resource${i}/[id]`);
/** Fractional part of the golden ratio: i·φ mod 1 spreads any run of i evenly over [0, 1). */
const PHI = 0.6180339887498949;
/** The compaction job's budget per run, and the delay before it runs again while a backlog is left (runSoon). */
const COMPACT_BUDGET_MS = 20_000;
const RUN_AGAIN_MS = 1_000;
/** The reader during compaction asks for both views once a second (back to back when slower). */
const READ_EVERY_MS = 1_000;
/** Reads slower than this during compaction count as "waiting seconds". */
const READ_AIM_MS = 1_000;

type Outcome = BenchResult | Finding;
/** A fresh database; `walBytes` (SQLite) is the size of its write-ahead log now. */
type Store = { url: string; drop(): Promise<void>; walBytes?: () => number };
type Opened = { db: Db; projectId: string };
type Range = { from: number; to: number };

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const providerName = (p: DbProvider) => (p === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** A 32-bit mix of the record counter (murmur3's finalizer): deterministic, evenly spread. */
function hash(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Request record number `i`, stamped `ts`. */
function record(i: number, ts: number): RequestRecord {
  const h = hash(i);
  const durationMs = 20 + (h % 301);
  return {
    service: SERVICES[i % SERVICES.length]!,
    route: ROUTES[Math.floor(i / SERVICES.length) % ROUTES.length]!,
    method: 'GET',
    status: (h >>> 8) % 100 === 0 ? 500 : 200,
    durationMs,
    dbTimeMs: Math.round((durationMs * ((h >>> 16) % 80)) / 100),
    dbQueries: 1 + ((h >>> 24) % 12),
    ts,
  };
}

/** The backfill's window ending at `now`: the last 30 days after 2 minutes, up to 2 hours ago. */
const backfillWindow = (now: number) => ({ from: now - 30 * DAY + 2 * MINUTE, to: now - 2 * HOUR });

/** Records `start`…`start + n − 1` spread over the backfill window ending at `now`. */
function backfillRecords(start: number, n: number, now: number): RequestRecord[] {
  const { from, to } = backfillWindow(now);
  const span = to - from;
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    return record(i, from + Math.floor(((i * PHI) % 1) * span));
  });
}

/** Records `start`…`start + n − 1` stamped within the last second. */
function liveRecords(start: number, n: number, now: number): RequestRecord[] {
  return Array.from({ length: n }, (_, k) => record(start + k, now - (k % 1_000)));
}

function freshSqlite(dir: string, name: string): Store {
  const file = path.join(dir, `${name}.db`);
  return {
    url: `file:${file}`,
    walBytes: () => {
      try {
        return fs.statSync(`${file}-wal`).size;
      } catch {
        return 0;
      }
    },
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

/** A migrated store with the bench project, compacted once (so the writer stages past hours). */
async function open(provider: DbProvider, store: Store): Promise<Opened> {
  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  const { createDb } = await import('../lib/db/client');
  const { createProject } = await import('../lib/projects/store');
  const { compact } = await import('../lib/rollup');
  const target = parseDatabaseUrl(store.url);
  if (target.provider !== provider) throw new Error(`${store.url} is not ${provider}`);
  await migrate(target);
  const db = createDb(target);
  try {
    const project = await createProject(db, 'bench', { name: 'Bench' });
    await compact(db, provider);
    return { db, projectId: project.id };
  } catch (err) {
    await db.$disconnect();
    throw err;
  }
}

/** 1. Records/s through IngestWriter: live against backfill, alternating rounds. */
async function ingestionRate(provider: DbProvider, store: Store, quick: boolean): Promise<BenchResult> {
  const { IngestWriter } = await import('../lib/ingest/writer');
  const { fanOut } = await import('../lib/ingest/requests');
  const { db, projectId } = await open(provider, store);
  try {
    const writer = new IngestWriter(db, provider);
    let next = 0;
    const submitAll = (make: (start: number, n: number, now: number) => RequestRecord[]) => {
      const now = Date.now();
      return Promise.all(
        Array.from({ length: CONCURRENT }, () => {
          const records = make(next, BATCH, now);
          next += BATCH;
          return writer.submit(projectId, fanOut(records));
        }),
      );
    };
    console.log(`  ${provider}: ingestion rate, live against backfill in alternating rounds`);
    const { baseline, subject } = await compare(
      async () => void (await submitAll(liveRecords)),
      async () => void (await submitAll(backfillRecords)),
      quick ? { rounds: 2, roundMs: 1_000, warmupMs: 500 } : { rounds: 4, roundMs: 3_000, warmupMs: 1_000 },
    );
    const late = await db.latePoint.count();
    if (late === 0) throw new Error(`${provider}: no backfill point was staged in LatePoint`);
    const perOp = CONCURRENT * BATCH;
    const live = baseline.opsPerSec * perOp;
    const backfill = subject.opsPerSec * perOp;
    const ratio = subject.opsPerSec / baseline.opsPerSec;
    const points = fanOut(backfillRecords(0, BATCH, Date.now())).length / BATCH;
    const name = `Backfill ingestion, ${CONCURRENT} concurrent ${fmt(BATCH)}-record batches through IngestWriter (${providerName(provider)})`;
    return {
      name,
      baseline: { label: `live records, stamped within the last second (${fmt(live)} records/s)`, ...baseline },
      subject: {
        label: `records spread over the last 30 days, staged in LatePoint (${fmt(backfill)} records/s)`,
        ...subject,
      },
      notes: [
        `${name}: backfill ${fmt(backfill)} records/s, live ${fmt(live)} records/s: ` +
          `${ratio.toFixed(2)}× live (target ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
          `${points.toFixed(2)} points a record; ${fmt(late)} points staged in LatePoint.`,
      ],
    };
  } finally {
    await db.$disconnect();
  }
}

type Reads = { overview: number[]; endpoints: number[] };
type Views = Awaited<ReturnType<typeof views>>;

/** The dashboard's two views over a range, read as their query routes read them. */
async function views(db: Db, projectId: string) {
  const { readObservatory, readEndpoints } = await import('../lib/queries/view-readers');
  return {
    overview: async (range: Range) => (await readObservatory(db, projectId, { range, compare: false })).requests.value,
    endpoints: async (range: Range) =>
      (await readEndpoints(db, projectId, { range, compare: false, service: null, method: null })).endpoints.reduce(
        (n, e) => n + e.requests,
        0,
      ),
  };
}

const last30Days = (): Range => {
  const now = Date.now();
  return { from: now - 30 * DAY, to: now };
};

/**
 * A read as a request makes it: it arrives through the event loop (a timer due at `asked`, or at
 * once), so the time until the process gets to it counts, as it would for a request waiting to be
 * read off its socket. The latency is from `asked` to the answer.
 */
async function request(samples: number[], asked: number, read: () => Promise<unknown>): Promise<void> {
  const wait = asked - performance.now();
  await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  await read();
  samples.push(performance.now() - asked);
}

/** The overview asked at `asked`, then the Endpoints view once it has answered. */
async function readBoth(v: Views, reads: Reads, asked = performance.now()): Promise<void> {
  await request(reads.overview, asked, () => v.overview(last30Days()));
  await request(reads.endpoints, performance.now(), () => v.endpoints(last30Days()));
}

const at = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;
const ms = (x: number) => (x < 10 ? x.toFixed(1) : fmt(x));

function measured(samples: number[]): Measured & { p95Ms: number; maxMs: number; p50Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    opsPerSec: Math.round((samples.length / total) * 1000 * 100) / 100,
    p50Us: Math.round(at(sorted, 0.5) * 1000),
    p99Us: Math.round(at(sorted, 0.99) * 1000),
    p50Ms: at(sorted, 0.5),
    p95Ms: at(sorted, 0.95),
    maxMs: sorted[sorted.length - 1]!,
    iterations: samples.length,
  };
}

const summary = (samples: number[]) => {
  const m = measured(samples);
  return `p50 ${ms(m.p50Ms)} ms, p95 ${ms(m.p95Ms)} ms, max ${ms(m.maxMs)} ms`;
};

/** 2 and 3: a 30-day backfill ingested, compaction worked off with readers meanwhile, then idle reads. */
async function catchUp(provider: DbProvider, store: Store, records: number): Promise<[Finding, BenchResult]> {
  const { IngestWriter } = await import('../lib/ingest/writer');
  const { fanOut } = await import('../lib/ingest/requests');
  const { compact } = await import('../lib/rollup');
  const { db, projectId } = await open(provider, store);
  const label = providerName(provider);
  try {
    // Timestamps relative to one instant, so the check's 30-day range holds every record however long the run takes.
    const anchor = Date.now();
    const writer = new IngestWriter(db, provider);
    let points = 0;
    let done = 0;
    let shown = 0;
    const i0 = performance.now();
    console.log(`  ${provider}: ingesting ${fmt(records)} records spread over 30 days`);
    while (done < records) {
      const wave: Promise<void>[] = [];
      for (let c = 0; c < CONCURRENT && done < records; c++) {
        const n = Math.min(BATCH, records - done);
        const batch = fanOut(backfillRecords(done, n, anchor));
        points += batch.length;
        done += n;
        wave.push(writer.submit(projectId, batch));
      }
      await Promise.all(wave);
      if (done - shown >= records / 10 || done === records) {
        shown = done;
        const s = (performance.now() - i0) / 1000;
        console.log(`  ${provider}: ${fmt(done)} / ${fmt(records)} records in ${s.toFixed(1)} s (${fmt(done / s)}/s)`);
      }
    }
    await writer.flush();
    const ingestS = (performance.now() - i0) / 1000;
    const staged = await db.latePoint.count();

    // Compaction back to back as the server's job runs it, a reader loop beside it in the same process.
    const v = await views(db, projectId);
    await readBoth(v, { overview: [], endpoints: [] }); // warm-up, for both sides
    const during: Reads = { overview: [], endpoints: [] };
    let compacting = true;
    let walMax = 0;
    const reader = (async () => {
      let asked = performance.now();
      while (compacting) {
        walMax = Math.max(walMax, store.walBytes?.() ?? 0);
        await readBoth(v, during, asked);
        asked = Math.max(asked + READ_EVERY_MS, performance.now());
      }
    })();
    const c0 = performance.now();
    let runs = 0;
    let folded = 0;
    let rebuilt = 0;
    try {
      for (;;) {
        const report = await compact(db, provider, { budgetMs: COMPACT_BUDGET_MS });
        runs += 1;
        folded += report.late.points;
        rebuilt += report.late.rebuilt;
        const s = (performance.now() - c0) / 1000;
        console.log(
          `  ${provider}: compaction run ${runs}: ${fmt(report.late.points)} late points folded, ${fmt(report.late.rebuilt)} buckets rebuilt, ${s.toFixed(1)} s so far${report.caughtUp ? ', caught up' : ''} (${during.overview.length} overview reads meanwhile)`,
        );
        if (report.caughtUp) break;
        // The job asks to run again (runSoon: a timer), so the event loop gets a turn between runs.
        await new Promise((resolve) => setTimeout(resolve, RUN_AGAIN_MS));
      }
    } finally {
      compacting = false;
      await reader;
    }
    const catchUpS = (performance.now() - c0) / 1000;
    const [late, dirty] = [await db.latePoint.count(), await db.rollupDirty.count()];
    if (late !== 0 || dirty !== 0) {
      throw new Error(
        `${provider}: compaction reported caught up with ${fmt(late)} LatePoint and ${fmt(dirty)} RollupDirty rows left`,
      );
    }

    // Correctness: both views count every record, over the 30 days the backfill was spread in.
    const backfilled = { from: anchor - 30 * DAY, to: anchor };
    const counted = { overview: await v.overview(backfilled), endpoints: await v.endpoints(backfilled) };
    if (counted.overview !== records || counted.endpoints !== records) {
      throw new Error(
        `${provider}: ${fmt(records)} records ingested, but the 30-day overview counts ${fmt(counted.overview ?? 0)} and Endpoints ${fmt(counted.endpoints)}`,
      );
    }

    // The same reads as often on the idle store.
    const idle: Reads = { overview: [], endpoints: [] };
    for (let i = 0; i < during.overview.length; i++) await readBoth(v, idle);

    const finding: Finding = {
      name: `Catch-up after a 30-day backfill of ${fmt(records)} records (${label})`,
      result:
        `ingested in ${ingestS.toFixed(1)} s (${fmt(records / ingestS)} records/s, ${fmt(points / ingestS)} points/s, ${fmt(staged)} points staged); ` +
        `compaction caught up in ${catchUpS.toFixed(1)} s over ${runs} run${runs === 1 ? '' : 's'} of ≤ ${COMPACT_BUDGET_MS / 1000} s ` +
        `(${fmt(folded)} late points folded, ${fmt(rebuilt)} buckets rebuilt, ${fmt(points / catchUpS)} points/s), ` +
        `each run ${RUN_AGAIN_MS / 1000} s after the last as the job's runSoon, the reader of measurement 3 meanwhile; ` +
        `LatePoint and RollupDirty empty; the 30-day overview and Endpoints both count all ${fmt(records)} requests` +
        (store.walBytes
          ? `; the write-ahead log peaked at ${(walMax / 2 ** 20).toFixed(1)} MiB (journal_size_limit: 64 MiB)`
          : ''),
    };

    const subjectSamples = [...during.overview, ...during.endpoints];
    const baselineSamples = [...idle.overview, ...idle.endpoints];
    const subject = measured(subjectSamples);
    const baseline = measured(baselineSamples);
    const name = `30-day Observatory and Endpoints reads while compaction works off the backfill (${label})`;
    const worst = subject.maxMs;
    return [
      finding,
      {
        name,
        baseline: { label: `idle store (p50 ${ms(baseline.p50Ms)} ms, p95 ${ms(baseline.p95Ms)} ms)`, ...baseline },
        subject: {
          label: `during compaction (p50 ${ms(subject.p50Ms)} ms, p95 ${ms(subject.p95Ms)} ms)`,
          ...subject,
        },
        notes: [
          `${name}: a reader asks for the overview, then Endpoints, once a second while compaction runs (${during.overview.length} times), ` +
            `then as many times back to back on the idle store; each read arrives through the event loop as a request does, its latency counted from when it was asked. ` +
            `Overview: ${summary(during.overview)} during, ${summary(idle.overview)} idle. ` +
            `Endpoints: ${summary(during.endpoints)} during, ${summary(idle.endpoints)} idle. ` +
            `(The views show a backfilled hour once compaction has folded and rebuilt it, so reads during compaction see less data than idle ones.) ` +
            `Aim from the issue, readers never wait seconds behind compaction: slowest read ${ms(worst)} ms ` +
            `(< ${fmt(READ_AIM_MS)} ms: ${worst < READ_AIM_MS ? 'met' : 'NOT met'}).`,
        ],
      },
    ];
  } finally {
    await db.$disconnect();
  }
}

async function runOn(provider: DbProvider, fresh: (name: string) => Store, quick: boolean, records: number) {
  const outcomes: Outcome[] = [];
  const rateStore = fresh('rate');
  try {
    outcomes.push(await ingestionRate(provider, rateStore, quick));
  } finally {
    await rateStore.drop();
  }
  const catchUpStore = fresh('catch-up');
  try {
    outcomes.push(...(await catchUp(provider, catchUpStore, records)));
  } finally {
    await catchUpStore.drop();
  }
  return outcomes;
}

export async function backfill({ quick = false } = {}): Promise<Outcome[]> {
  const records = Number(process.env.BENCH_BACKFILL_RECORDS ?? (quick ? 50_000 : 1_000_000));
  if (!Number.isInteger(records) || records < 1) throw new Error('BENCH_BACKFILL_RECORDS must be a positive integer');
  const outcomes: Outcome[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-backfill-'));
  try {
    outcomes.push(...(await runOn('sqlite', (name) => freshSqlite(dir, name), quick, records)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!(await postgresReachable(POSTGRES_URL))) {
    outcomes.push({ name: 'Backfill (PostgreSQL)', result: 'skipped: no server answers at BENCH_POSTGRES_URL' });
    return outcomes;
  }
  outcomes.push(...(await runOn('postgresql', freshPostgres, quick, records)));
  return outcomes;
}
