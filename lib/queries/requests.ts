/**
 * Single requests kept whole (RequestSample, chosen at ingestion by lib/ingest/samples.ts): a
 * route's slowest and failed ones over a range, and one request with its route's numbers in the
 * hour around it, so the detail view says how unusual it was. Kept for RETENTION_RAW_DAYS.
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { findSeries, rollupsFor, type Range } from '../rollup';
import { MINUTE_MS } from '../time';
import type { EndpointKey } from './endpoints';
import { failedSeries, requestStats } from './red-math';

export const REQUEST_LIST_LIMIT = 10;

/** A kept request as the lists show it. */
export type RequestRow = {
  id: number;
  ts: number;
  path: string;
  status: number;
  durationMs: number;
  instance: string | null;
};

/** Everything stored about one request. */
export type RequestSampleView = RequestRow & {
  service: string;
  method: string;
  route: string;
  dbTimeMs: number | null;
  dbQueries: number | null;
  cache: 'hit' | 'miss' | null;
  requestBytes: number | null;
  responseBytes: number | null;
  /** Why it was kept: failed (5xx), the slowest of its route's minute so far, or one of a sample of the rest. */
  reason: 'error' | 'slow' | 'sample';
};

export type RequestDetail = {
  request: RequestSampleView;
  /** Its route in the hour around it (its minute and 30 each side), from the rollups: how unusual it was. */
  around: { range: Range; requests: number; p50: number | null; p95: number | null; errorRate: number | null };
};

const LIST_SELECT = { id: true, ts: true, path: true, status: true, durationMs: true, instance: true } as const;

function row(r: {
  id: number | bigint;
  ts: bigint;
  path: string;
  status: number;
  durationMs: number;
  instance: string | null;
}): RequestRow {
  return {
    id: Number(r.id),
    ts: Number(r.ts),
    path: r.path,
    status: r.status,
    durationMs: r.durationMs,
    instance: r.instance,
  };
}

/** The route's slowest kept requests in the range, and its latest failed ones (5xx). */
export async function requestLists(
  db: Db,
  projectId: string,
  key: EndpointKey,
  range: Range,
): Promise<{ slowest: RequestRow[]; failed: RequestRow[] }> {
  const where = { projectId, ...key, ts: { gte: BigInt(range.from), lt: BigInt(range.to) } };
  const [slowest, failed] = await Promise.all([
    db.requestSample.findMany({
      where,
      select: LIST_SELECT,
      orderBy: [{ durationMs: 'desc' }, { ts: 'desc' }],
      take: REQUEST_LIST_LIMIT,
    }),
    db.requestSample.findMany({
      where: { ...where, status: { gte: 500 } },
      select: LIST_SELECT,
      orderBy: [{ ts: 'desc' }, { id: 'desc' }],
      take: REQUEST_LIST_LIMIT,
    }),
  ]);
  return { slowest: slowest.map(row), failed: failed.map(row) };
}

/** One kept request of the project, or null (another project's id is null too: never a hint that it exists). */
export async function getRequest(db: Db, projectId: string, id: number): Promise<RequestDetail | null> {
  const r = await db.requestSample.findFirst({ where: { id, projectId } });
  if (!r) return null;
  const request: RequestSampleView = {
    ...row(r),
    service: r.service,
    method: r.method,
    route: r.route,
    dbTimeMs: r.dbTimeMs,
    dbQueries: r.dbQueries,
    cache: r.cache === 'hit' || r.cache === 'miss' ? r.cache : null,
    requestBytes: r.requestBytes,
    responseBytes: r.responseBytes,
    reason: r.reason === 'error' || r.reason === 'slow' ? r.reason : 'sample',
  };
  const durations = await findSeries(db, projectId, RED_METRICS.duration, {
    service: r.service,
    method: r.method,
    route: r.route,
  });
  const minute = Math.floor(request.ts / MINUTE_MS) * MINUTE_MS;
  const range = { from: minute - 30 * MINUTE_MS, to: minute + 31 * MINUTE_MS };
  const rows = await rollupsFor(db, { ids: durations.map((s) => s.id), total: null }, range);
  const stats = requestStats(rows, failedSeries(durations), range);
  return {
    request,
    around: { range, requests: stats.requests, p50: stats.p50, p95: stats.p95, errorRate: stats.errorRate },
  };
}
