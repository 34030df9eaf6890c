/**
 * One request record becomes the RED series of its route: a duration distribution, a request
 * counter by status class, an error counter, DB time and queries, cache hits and misses, and
 * body sizes. Names follow OpenTelemetry's HTTP semantic conventions where one exists.
 */
import type { IngestPoint } from './writer';

export type RequestRecord = {
  service: string;
  route: string;
  method: string;
  status: number;
  durationMs: number;
  dbTimeMs?: number;
  dbQueries?: number;
  cacheHit?: boolean;
  requestBytes?: number;
  responseBytes?: number;
  ts: number;
};

export const RED_METRICS = {
  duration: 'http.server.request.duration',
  requests: 'http.server.requests',
  errors: 'http.server.errors',
  dbDuration: 'http.server.db.duration',
  dbQueries: 'http.server.db.queries',
  cacheHits: 'http.server.cache.hits',
  cacheMisses: 'http.server.cache.misses',
  requestSize: 'http.server.request.body.size',
  responseSize: 'http.server.response.body.size',
} as const;

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function fanOut(records: readonly RequestRecord[]): IngestPoint[] {
  const out: IngestPoint[] = [];
  for (const r of records) {
    const route = { service: r.service, route: r.route, method: r.method };
    const point = (
      name: string,
      kind: IngestPoint['kind'],
      value: number,
      unit: string | null,
      tags: Record<string, string> = route,
    ) => out.push({ name, kind, unit, tags, ts: r.ts, value });
    point(RED_METRICS.duration, 'distribution', r.durationMs, 'ms', { ...route, status_class: statusClass(r.status) });
    point(RED_METRICS.requests, 'counter', 1, null, { ...route, status_class: statusClass(r.status) });
    if (r.status >= 500) point(RED_METRICS.errors, 'counter', 1, null);
    if (r.dbTimeMs !== undefined) point(RED_METRICS.dbDuration, 'distribution', r.dbTimeMs, 'ms');
    if (r.dbQueries !== undefined) point(RED_METRICS.dbQueries, 'distribution', r.dbQueries, null);
    if (r.cacheHit !== undefined)
      point(r.cacheHit ? RED_METRICS.cacheHits : RED_METRICS.cacheMisses, 'counter', 1, null);
    if (r.requestBytes !== undefined) point(RED_METRICS.requestSize, 'distribution', r.requestBytes, 'By');
    if (r.responseBytes !== undefined) point(RED_METRICS.responseSize, 'distribution', r.responseBytes, 'By');
  }
  return out;
}
