/**
 * One route (service, method, route template) over a range: its numbers as on the Endpoints
 * list, percentiles, requests and errors over about 60 steps, a latency histogram from the
 * merged sketch's bins, requests by status class, the share of its time spent in the database
 * (the DB time series POST /api/v1/requests records beside the duration), and its slowest
 * recent requests. Those come from raw points of the duration series: each is one request's
 * duration and time, with the status class of its series; raw points are kept for
 * RETENTION_RAW_DAYS, so older parts of a range show none.
 */
import { providerOf, type Db } from '../db/client';
import { selectRows } from '../db/select';
import { RED_METRICS } from '../metrics';
import { foldRows } from '../rollup';
import { binBound, type Sketch } from '../rollup';
import { endpointStats, SERVER_ERROR, type EndpointKey, type EndpointStats } from './endpoints';
import { rollupsFor, type RollupSlice } from '../rollup';
import { findSeries, type Range } from '../rollup';
import { summarize } from './stats';
import { resolutionFor, stepFor } from './timeseries';

export const DETAIL_STEPS = 60;
export const HISTOGRAM_BINS = 30;
export const SLOWEST = 10;

export type EndpointPoint = {
  t: number;
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Database time ÷ request time in the step; null without either (no DB time recorded: null, not 0). */
  dbShare: number | null;
};

export type EndpointDetail = {
  key: EndpointKey;
  range: Range;
  previousRange: Range | null;
  summary: EndpointStats & { previous: EndpointStats | null };
  step: number;
  points: EndpointPoint[];
  /** Durations in ms: (from, to] and how many requests took that long. */
  histogram: { from: number; to: number; count: number }[];
  statuses: { statusClass: string; requests: number }[];
  db: { timeMs: number; requestMs: number; share: number | null; timedRequests: number };
  slowest: { ts: number; durationMs: number; statusClass: string }[];
};

/** The merged sketch's fine bins (1% wide) gathered into at most `bins` runs of whole bins. */
export function histogramOf(sketch: Sketch | null, bins = HISTOGRAM_BINS): EndpointDetail['histogram'] {
  if (!sketch) return [];
  const out: EndpointDetail['histogram'] = [];
  if (sketch.zeroCount) out.push({ from: 0, to: 0, count: sketch.zeroCount });
  const fine = sketch.positiveBins();
  if (fine.length === 0) return out;
  const lo = fine[0]![0];
  const hi = fine.at(-1)![0];
  const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  for (const [key, count] of fine) {
    const first = lo + Math.floor((key - lo) / width) * width;
    const last = out.at(-1);
    const from = binBound(first - 1);
    if (last && last.from === from) last.count += count;
    else out.push({ from, to: binBound(first + width - 1), count });
  }
  return out;
}

function share(db: number, total: number): number | null {
  return total > 0 ? db / total : null;
}

export async function getEndpoint(
  db: Db,
  projectId: string,
  key: EndpointKey,
  range: Range,
  { compare = false }: { compare?: boolean } = {},
): Promise<EndpointDetail> {
  const filters = { service: key.service, method: key.method, route: key.route };
  const [durations, dbSeries] = await Promise.all([
    findSeries(db, projectId, RED_METRICS.duration, filters),
    findSeries(db, projectId, RED_METRICS.dbDuration, filters),
  ]);
  const statusOf = new Map(durations.map((s) => [s.id, s.dims.status_class ?? 'unknown']));
  const failed = new Set(durations.filter((s) => s.dims.status_class === SERVER_ERROR).map((s) => s.id));
  const dbIds = new Set(dbSeries.map((s) => s.id));
  const set = { ids: [...statusOf.keys(), ...dbIds], total: null };

  const step = stepFor(range, DETAIL_STEPS);
  const start = Math.floor(range.from / step) * step;
  const steps = Math.ceil((range.to - start) / step);
  const previousRange = compare ? { from: range.from - (range.to - range.from), to: range.from } : null;
  const durationIds = [...statusOf.keys()];
  const [rows, stepRows, previousRows, slowRows] = await Promise.all([
    rollupsFor(db, set, range),
    rollupsFor(db, set, { from: start, to: range.to }, resolutionFor(step)),
    previousRange ? rollupsFor(db, { ids: durationIds, total: null }, previousRange) : Promise.resolve([]),
    durationIds.length
      ? selectRows(
          db,
          providerOf(db),
          `SELECT "seriesId", "ts", "value" FROM "Point" WHERE "seriesId" IN (${durationIds.map(() => '?').join(',')}) AND "ts" >= ? AND "ts" < ? ORDER BY "value" DESC, "ts" DESC LIMIT ${SLOWEST}`,
          [...durationIds, range.from, range.to],
        )
      : Promise.resolve([]),
  ]);

  const durationRows = rows.filter((r) => statusOf.has(r.seriesId));
  const dbRows = rows.filter((r) => dbIds.has(r.seriesId));
  const stats = endpointStats(durationRows, failed, range);
  const folded = foldRows(durationRows);

  const byStatus = new Map<string, number>();
  for (const r of durationRows) {
    const s = statusOf.get(r.seriesId)!;
    byStatus.set(s, (byStatus.get(s) ?? 0) + r.count);
  }

  const perStep = Array.from({ length: steps }, () => ({ durations: [] as RollupSlice[], db: 0, timed: 0 }));
  for (const r of stepRows) {
    const i = Math.floor((Number(r.bucket) - start) / step);
    if (i < 0 || i >= steps) continue;
    if (dbIds.has(r.seriesId)) {
      perStep[i]!.db += r.sum;
      perStep[i]!.timed += r.count;
    } else perStep[i]!.durations.push(r);
  }
  const points = perStep.map((p, i): EndpointPoint => {
    const s = summarize(p.durations, step / 1000, 'distribution');
    let errors = 0;
    for (const r of p.durations) if (failed.has(r.seriesId)) errors += r.count;
    return {
      t: start + i * step,
      requests: s.count,
      errors,
      p50: s.p50,
      p95: s.p95,
      p99: s.p99,
      dbShare: p.timed ? share(p.db, s.sum) : null,
    };
  });

  const dbTime = dbRows.reduce((n, r) => n + r.sum, 0);
  const timedRequests = dbRows.reduce((n, r) => n + r.count, 0);
  return {
    key,
    range,
    previousRange,
    summary: { ...stats, previous: previousRange ? endpointStats(previousRows, failed, previousRange) : null },
    step,
    points,
    histogram: histogramOf(folded.sketch),
    statuses: [...byStatus]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([statusClass, requests]) => ({ statusClass, requests })),
    db: {
      timeMs: dbTime,
      requestMs: folded.sum,
      // No share without database time recorded: "0%" would claim the route never waits on it.
      share: timedRequests ? share(dbTime, folded.sum) : null,
      timedRequests,
    },
    slowest: slowRows.map(([seriesId, ts, value]) => ({
      ts: Number(ts),
      durationMs: Number(value),
      statusClass: statusOf.get(Number(seriesId)) ?? 'unknown',
    })),
  };
}
