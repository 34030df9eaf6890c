/**
 * What is stored, across the users' projects: which projects have series, how many series and
 * raw points, and the time they span. The dashboard home uses it to tell an empty installation
 * from one with data, so Observatory's own project (self-monitoring, which has data from the
 * first request on) is left out: an installation is empty until its users send something.
 */
import type { Db } from '../db/client';
import { TOTAL_DIMS } from '../rollup';
import { SELF_PROJECT_ID } from '../projects/store';

export type DataOverview = {
  projects: { id: string; slug: string; name: string; series: number }[];
  series: number;
  points: number;
  /** First and last raw point (ms), or null when there are none. */
  from: number | null;
  to: number | null;
};

// The series services sent, not the per-metric totals compaction adds, nor Observatory's own.
const SENT = { NOT: [{ dims: TOTAL_DIMS }, { projectId: SELF_PROJECT_ID }] };

/**
 * Whether any project but Observatory's own has data: one indexed row at most, where the full
 * overview counts every raw point (hundreds of milliseconds on a store with a week of them).
 */
export async function hasSentData(db: Db): Promise<boolean> {
  return (await db.series.findFirst({ where: SENT, select: { id: true } })) !== null;
}

export async function getDataOverview(db: Db): Promise<DataOverview> {
  const counts = await db.series.groupBy({ by: ['projectId'], where: SENT, _count: { _all: true } });
  if (counts.length === 0) return { projects: [], series: 0, points: 0, from: null, to: null };
  const projects = await db.project.findMany({
    where: { id: { in: counts.map((c) => c.projectId) } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: 'asc' },
  });
  const seriesOf = new Map(counts.map((c) => [c.projectId, c._count._all]));
  // Points carry no project: leave out the series of Observatory's own (a few hundred at most).
  const own = await db.series.findMany({ where: { projectId: SELF_PROJECT_ID }, select: { id: true } });
  const points = await db.point.aggregate({
    where: own.length ? { seriesId: { notIn: own.map((s) => s.id) } } : undefined,
    _count: { _all: true },
    _min: { ts: true },
    _max: { ts: true },
  });
  const ms = (value: bigint | number | null) => (value === null ? null : Number(value));
  return {
    projects: projects.map((p) => ({ ...p, series: seriesOf.get(p.id) ?? 0 })),
    series: counts.reduce((sum, c) => sum + c._count._all, 0),
    points: points._count._all,
    from: ms(points._min.ts),
    to: ms(points._max.ts),
  };
}
