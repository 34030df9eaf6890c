/**
 * Loads the demo project: the generated records and points are normalized as POST
 * /api/v1/requests and /api/v1/metrics do it (route templates, the 30-day window, tag order),
 * request records fan out into the same RED series, and each day is written straight into the
 * stored model (lib/rollup/history.ts): the minute rows, and the hour, day and total rows
 * compaction would have built, with raw points for the last DEMO_RAW_HOURS only. Weeks load in
 * seconds, and read exactly as ingested data would. The generator makes only what those routes'
 * schemas accept, but for each record's weight, which only loaders set (tests/unit/demo-generator.test.ts
 * parses a day of it with them); parsing every load again would triple its time for nothing.
 */
import { providerOf, type Db } from '../db/client';
import { conflict, invalid } from '../http/errors';
import { MINUTE_MS } from '../time';
import { bulkInsert } from '../db/bulk';
import { fanOut } from '../ingest/requests';
import { REQUEST_SAMPLE_COLUMNS, RequestSampler } from '../ingest/samples';
import {
  INGEST_LIMITS,
  normalizeMetrics,
  normalizeRequests,
  type MetricsBody,
  type NormalizeOptions,
  type RequestsBody,
} from '../ingest/schema';
import { MAX_POINT_AGE_MS } from '../ingest/timestamp';
import { type IngestPoint } from '../ingest/writer';
import { HistoryWriter, TOTAL_DIMS } from '../rollup';
import { createProject, deleteProject, getProject, type ProjectView } from '../projects/store';
import { DEMO_PROJECT } from './catalog';
import { DemoGenerator, type RawPoint, type RawRequest } from './generate';
import { holdDefaultRules, replayIncident } from './incident';
import { incidentWindow } from './traffic';

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const DEMO_DEFAULTS = { days: 7, seed: 1 } as const;
/** Raw points and request samples (the slowest requests' detail) are written for the last hours only; rollups for all. */
export const DEMO_RAW_HOURS = 24;
export const MAX_DEMO_DAYS = MAX_POINT_AGE_MS / DAY_MS;

export type LoadDemoOptions = {
  /** Whole days of history ending now: 1 to 30 (older points are refused by ingestion). */
  days?: number;
  slug?: string;
  seed?: number;
  /** The end of the range (default: now); the same seed and end give the same data. */
  now?: number;
  /** Delete the project (data and keys) and create it again when it already has data. */
  replace?: boolean;
  /** Who loads it, for the audit log ("cli", "user:ada@example.com"). */
  actor: string;
  onProgress?: (progress: { hoursDone: number; hours: number; points: number }) => void;
};

export type DemoSummary = {
  project: Pick<ProjectView, 'id' | 'slug' | 'name'>;
  days: number;
  seed: number;
  from: number;
  to: number;
  incident: { from: number; to: number };
  requests: number;
  points: number;
  /** Raw points written (unweighted points in the last DEMO_RAW_HOURS): a weighted point has none. */
  rawPoints: number;
  series: number;
  ms: number;
};

export function checkDemoDays(days: unknown): number {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DEMO_DAYS) {
    throw invalid(`days must be a whole number from 1 to ${MAX_DEMO_DAYS}`);
  }
  return days;
}

/** Fails on a generator bug, never on user input: the generator only makes valid data. */
function validated<T>(result: { ok: true; items: T } | { ok: false; issues: { path: string; message: string }[] }): T {
  if (result.ok) return result.items;
  throw new Error(`demo data refused by ingestion: ${result.issues[0]!.path}: ${result.issues[0]!.message}`);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The request records and points of one stretch of time, as ingestion would store them, and the requests kept whole. */
function ingestable(
  requests: RawRequest[],
  points: RawPoint[],
  time: NormalizeOptions,
  samples: { sampler: RequestSampler; projectId: string; rawSince: number; rows: unknown[] },
): IngestPoint[] {
  const out: IngestPoint[] = [];
  for (const part of chunks(requests, INGEST_LIMITS.maxRequests)) {
    const normalized = normalizeRequests({ requests: part as RequestsBody['requests'] }, time);
    const records = validated(normalized.ok ? { ok: true, items: normalized.requests } : normalized);
    out.push(...fanOut(records));
    for (const row of samples.sampler.rows(samples.projectId, records, samples.rawSince).rows)
      samples.rows.push(...row);
  }
  for (const part of chunks(points, INGEST_LIMITS.maxPoints)) {
    const normalized = normalizeMetrics({ points: part as MetricsBody['points'] }, time);
    out.push(...validated(normalized.ok ? { ok: true, items: normalized.points } : normalized));
  }
  return out;
}

/** The demo project, empty: created when missing; refused (409) when it has data unless `replace`. */
async function emptyProject(db: Db, slug: string, actor: string, replace: boolean): Promise<ProjectView> {
  let project: ProjectView | null = null;
  try {
    project = await getProject(db, slug);
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
  }
  if (project) {
    const series = await db.series.count({ where: { projectId: project.id, NOT: { dims: TOTAL_DIMS } } });
    if (series === 0) return project;
    if (!replace) throw conflict(`project "${slug}" already has data (${series} series)`);
    await deleteProject(db, actor, project.id);
  }
  return createProject(db, actor, { name: slug === DEMO_PROJECT.slug ? DEMO_PROJECT.name : `Demo ${slug}`, slug });
}

export async function loadDemo(db: Db, options: LoadDemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const days = checkDemoDays(options.days ?? DEMO_DEFAULTS.days);
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const now = options.now ?? Date.now();
  const to = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  // One minute short of the full span, so the oldest minute is inside ingestion's 30-day window.
  const from = to - days * DAY_MS + (days === MAX_DEMO_DAYS ? MINUTE_MS : 0);
  const project = await emptyProject(db, options.slug ?? DEMO_PROJECT.slug, options.actor, options.replace ?? false);
  const incident = incidentWindow(from, to);
  try {
    await holdDefaultRules(db, project.id);
    const written = await write(db, project.id, { from, to, seed, incident, now }, options);
    await replayIncident(db, project.id, incident, to);
    const series = await db.series.count({ where: { projectId: project.id, NOT: { dims: TOTAL_DIMS } } });
    return {
      project: { id: project.id, slug: project.slug, name: project.name },
      days,
      seed,
      from,
      to,
      incident,
      ...written,
      series,
      ms: Math.round(performance.now() - started),
    };
  } catch (err) {
    // Half a demo would refuse the next attempt as "already has data": start over clean instead.
    await deleteProject(db, options.actor, project.id).catch(() => {});
    throw err;
  }
}

async function write(
  db: Db,
  projectId: string,
  range: { from: number; to: number; seed: number; incident: { from: number; to: number }; now: number },
  options: LoadDemoOptions,
): Promise<{ requests: number; points: number; rawPoints: number }> {
  const { from, to } = range;
  const generator = new DemoGenerator(range.seed, range.incident);
  const time: NormalizeOptions = { now: range.now, maxAgeMs: MAX_POINT_AGE_MS };
  const rawSince = to - DEMO_RAW_HOURS * HOUR_MS;
  const history = await HistoryWriter.open(db, providerOf(db), projectId, rawSince);
  const samples = { sampler: new RequestSampler(), projectId, rawSince, rows: [] as unknown[] };
  const hours = Math.ceil((to - from) / HOUR_MS);
  let requests = 0;
  let points = 0;
  let midnight = Math.floor(from / DAY_MS) * DAY_MS + DAY_MS;
  for (let hour = 0; hour < hours; hour++) {
    const rawRequests: RawRequest[] = [];
    const rawPoints: RawPoint[] = [];
    const start = from + hour * HOUR_MS;
    const end = Math.min(to, start + HOUR_MS);
    for (let minute = start; minute < end; minute += MINUTE_MS) {
      const made = generator.minute(minute);
      rawRequests.push(...made.requests);
      rawPoints.push(...made.points);
    }
    const batch = ingestable(rawRequests, rawPoints, time, samples);
    if (samples.rows.length) {
      await bulkInsert(db, providerOf(db), [
        { table: 'RequestSample', columns: REQUEST_SAMPLE_COLUMNS, values: samples.rows.splice(0) },
      ]);
    }
    for (const r of rawRequests) requests += r.weight ?? 1;
    points += batch.length;
    // Each hour is staged (grouped by series at once); a stretch is written at each UTC midnight (an
    // hour may cross one) and at the end: a day is never split across two writes.
    const next: IngestPoint[] = [];
    const today: IngestPoint[] = [];
    for (const p of batch) (p.ts < midnight ? today : next).push(p);
    history.stage(today);
    if (next.length || end >= midnight) {
      await history.commit();
      history.stage(next);
      midnight += DAY_MS;
    }
    options.onProgress?.({ hoursDone: hour + 1, hours, points });
  }
  await history.commit();
  await history.finish();
  return { requests, points, rawPoints: history.stats.raw };
}
