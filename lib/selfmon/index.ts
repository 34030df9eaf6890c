/**
 * Self-monitoring: Observatory records its own route handlers (RED series per app route, with
 * DB time) and samples its process every 10 s, into its built-in "Observatory" project, through
 * the same in-process writer as ingestion. Started from lib/instrumentation-node.ts unless
 * SELF_MONITORING=false; stopped at shutdown, with a last flush.
 *
 * The state lives on globalThis under a registered symbol: route handlers, instrumentation and
 * the HTTP server may each load their own copy of this module.
 */
import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import type { DbTime } from '../db/db-time';
import { poolStats } from '../db/pool-stats';
import { getSampler, getWriter, rawRetentionMs } from '../ingest';
import type { RequestRecord } from '../ingest/schema';
import { instanceName } from '../instance';
import type { IngestPoint, IngestWriter } from '../ingest/writer';
import { admitOrigins, ensureSelfProject } from '../projects/self';
import { onShutdown } from '../shutdown';
import { RequestRecorder, type RecorderStats } from './recorder';
import { ProcessSampler } from './sampler';

export { SELF_PROJECT_ID } from '../projects/self';

export const FLUSH_EVERY_MS = 5_000;
export const SAMPLE_EVERY_MS = 10_000;
/** How long the last flush at shutdown may take. */
const FINAL_FLUSH_MS = 3_000;

type State = {
  writer: () => IngestWriter;
  recorder: RequestRecorder;
  sampler: ProcessSampler;
  timers: NodeJS.Timeout[];
  /** Set once the built-in project is known to exist; retried at each flush until then. */
  project: Promise<string> | null;
  /** The project's site id (never changes) and the origins known to be allowed, so pages need no query. */
  siteId: string | null;
  origins: Set<string>;
};

const KEY = Symbol.for('observatory.selfmon');
const registry = globalThis as unknown as Record<typeof KEY, State | undefined>;

/** The built-in project's id once it exists (created on first use; a failure is retried next time). */
function projectReady(state: State): Promise<string> {
  if (!state.project) {
    const publicUrl = getConfig().PUBLIC_URL;
    state.project = ensureSelfProject(getDb(), publicUrl ? [publicUrl] : []).then(
      (project) => {
        state.siteId = project.siteId;
        for (const o of project.allowedOrigins) state.origins.add(o);
        return project.id;
      },
      (err: unknown) => {
        state.project = null;
        throw err;
      },
    );
  }
  return state.project;
}

async function store(state: State, points: IngestPoint[], records: readonly RequestRecord[] = []): Promise<void> {
  if (points.length === 0) return;
  const projectId = await projectReady(state);
  const samples = getSampler().rows(projectId, records, Date.now() - rawRetentionMs());
  await state.writer().submit(projectId, points, [samples]);
}

/** Whether route handlers are being recorded in this process. */
export function selfMonitoringActive(): boolean {
  return registry[KEY] !== undefined;
}

/**
 * Records one finished request: a push into a bounded buffer, nothing else (the template is
 * worked out at flush time). Never throws.
 */
export function recordRequest(
  req: Request,
  params: Record<string, string | string[]>,
  status: number,
  durationMs: number,
  db: DbTime,
): void {
  const state = registry[KEY];
  if (!state) return;
  try {
    // A call still in flight (a flush this request started) counts up to now.
    const dbTimeMs = db.ms + (db.active > 0 ? performance.now() - db.since : 0);
    state.recorder.record({
      url: req.url,
      params,
      method: req.method,
      status,
      durationMs,
      dbTimeMs,
      ts: Date.now(),
    });
  } catch {
    // Self-monitoring never fails a request.
  }
}

export type SelfMonitoringOptions = {
  flushEveryMs?: number;
  sampleEveryMs?: number;
  /** The writer points go to (default: the process's). */
  writer?: IngestWriter;
  /** Requests held until the next flush. */
  maxBuffered?: number;
};

/** Starts recording; resolves once the built-in project exists (or could not be made: retried later). */
export async function startSelfMonitoring(options: SelfMonitoringOptions = {}): Promise<void> {
  if (registry[KEY] || getConfig().SELF_MONITORING !== 'true') return;
  const writer = options.writer ? () => options.writer! : getWriter;
  const state: State = {
    writer,
    recorder: new RequestRecorder(
      (points, records) => store(state, points, records),
      options.maxBuffered,
      instanceName(),
    ),
    sampler: new ProcessSampler({
      instance: instanceName(),
      pool: () => poolStats(getDb()),
      writer,
      recorder: () => state.recorder.snapshot(),
    }),
    timers: [],
    project: null,
    siteId: null,
    origins: new Set(),
  };
  registry[KEY] = state;
  const log = (err: unknown) =>
    console.error('observatory: self-monitoring:', err instanceof Error ? err.message : String(err));
  const flush = setInterval(() => void state.recorder.flush(), options.flushEveryMs ?? FLUSH_EVERY_MS);
  const sample = setInterval(
    () => void store(state, state.sampler.sample()).catch(() => {}),
    options.sampleEveryMs ?? SAMPLE_EVERY_MS,
  );
  for (const timer of [flush, sample]) timer.unref();
  state.timers.push(flush, sample);
  onShutdown(() => stopSelfMonitoring());
  await projectReady(state).catch(log);
}

/** Writes what is buffered now (rather than at the next turn); what the recorder has done so far. */
export async function flushSelfMonitoring(): Promise<RecorderStats | null> {
  const state = registry[KEY];
  if (!state) return null;
  await state.recorder.flush();
  return state.recorder.snapshot();
}

/** Stops the timers and submits what is buffered (waiting at most a few seconds). */
export async function stopSelfMonitoring(): Promise<void> {
  const state = registry[KEY];
  if (!state) return;
  registry[KEY] = undefined;
  for (const timer of state.timers) clearInterval(timer);
  state.sampler.stop();
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([
    state.recorder.flush(),
    new Promise((resolve) => (timeout = setTimeout(resolve, FINAL_FLUSH_MS))),
  ]).finally(() => clearTimeout(timeout));
}

/** The built-in project's site id, for the tracker on Observatory's pages; null when self-monitoring is off. */
export async function selfSiteId(): Promise<string | null> {
  const state = registry[KEY];
  if (!state) return null;
  try {
    await projectReady(state);
    return state.siteId;
  } catch {
    return null;
  }
}

const MAX_LEARNT_ORIGINS = 10;

/**
 * Lets a page's origin send the tracker's beacons for the built-in project. With PUBLIC_URL set
 * it is allowed from the start; otherwise the origin users reach Observatory at is learnt from
 * signed-in page views (a few at most, each once per process). Never throws.
 */
export async function admitSelfOrigin(origin: string | null): Promise<void> {
  const state = registry[KEY];
  if (!state || !origin || state.origins.has(origin) || state.origins.size >= MAX_LEARNT_ORIGINS) return;
  try {
    await projectReady(state);
    const project = await admitOrigins(getDb(), [origin]);
    for (const o of project.allowedOrigins) state.origins.add(o);
  } catch (err) {
    console.error(
      'observatory: self-monitoring: could not allow this origin:',
      err instanceof Error ? err.message : err,
    );
  }
}
