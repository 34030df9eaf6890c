/**
 * One request record becomes the RED series of its route: a duration distribution, a request
 * counter by status class, an error counter, DB time and queries, cache hits and misses, and
 * body sizes. Names follow OpenTelemetry's HTTP semantic conventions where one exists.
 */
import { RED_METRICS, SERVER_ERROR, statusClass } from '../metrics';
import type { RequestRecord } from './schema';
import type { IngestPoint } from './writer';

export function fanOut(records: readonly RequestRecord[]): IngestPoint[] {
  const out: IngestPoint[] = [];
  for (const r of records) {
    const route = { service: r.service, route: r.route, method: r.method };
    // A weighted record (history loaders only) stands for `weight` equal requests.
    const weight = r.weight ?? 1;
    const point = (
      name: string,
      kind: IngestPoint['kind'],
      value: number,
      unit: string | null,
      tags: Record<string, string> = route,
    ) =>
      out.push(
        weight === 1 || kind !== 'distribution'
          ? { name, kind, unit, tags, ts: r.ts, value }
          : { name, kind, unit, tags, ts: r.ts, value, weight },
      );
    const cls = statusClass(r.status);
    point(RED_METRICS.duration, 'distribution', r.durationMs, 'ms', { ...route, status_class: cls });
    point(RED_METRICS.requests, 'counter', weight, null, { ...route, status_class: cls });
    if (cls === SERVER_ERROR) point(RED_METRICS.errors, 'counter', weight, null);
    if (r.dbTimeMs !== undefined) point(RED_METRICS.dbDuration, 'distribution', r.dbTimeMs, 'ms');
    if (r.dbQueries !== undefined) point(RED_METRICS.dbQueries, 'distribution', r.dbQueries, null);
    if (r.cacheHit !== undefined)
      point(r.cacheHit ? RED_METRICS.cacheHits : RED_METRICS.cacheMisses, 'counter', weight, null);
    if (r.requestBytes !== undefined) point(RED_METRICS.requestSize, 'distribution', r.requestBytes, 'By');
    if (r.responseBytes !== undefined) point(RED_METRICS.responseSize, 'distribution', r.responseBytes, 'By');
  }
  return out;
}
