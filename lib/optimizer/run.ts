/**
 * A detection pass: for a project, read the window (its thresholds' `windowHours` up to now) as
 * the views read it (route profiles, Web Vitals per page with attribution, CPU by hour and host),
 * run the detectors against the project's goals and thresholds, and save the findings. The
 * `optimizer` job runs it for every project (one instance at a time); the run route runs it for
 * one project on demand.
 */
import type { Db } from '../db/client';
import { backgroundStatements } from '../db/statement-queue';
import { goalsFor } from '../goals/store';
import { CPU, seriesUnit, unitFactor } from '../metrics';
import { getRouteProfiles } from '../queries/route-profiles';
import { bySteps, gridFor, rollupsForSteps } from '../queries/steps';
import { getWebVitals } from '../queries/web-vitals';
import { findSeries, type Range, type SeriesRef } from '../rollup';
import { detect, type CpuHost, type Finding } from './detectors';
import { saveFindings, type SaveReport } from './store';
import { thresholdsFor } from './settings';
import type { Thresholds } from './thresholds';

const HOUR_MS = 3_600_000;

/** CPU per host (or service, or all together) by hour, in per cent. */
async function cpuByHost(db: Db, projectId: string, range: Range): Promise<CpuHost[]> {
  let name: string | null = null;
  let series: SeriesRef[] = [];
  for (const candidate of CPU.names) {
    series = await findSeries(db, projectId, candidate);
    if (series.length) {
      name = candidate;
      break;
    }
  }
  if (!name) return [];
  const hostOf = new Map(series.map((s) => [s.id, s.dims.host ?? s.dims.instance ?? s.dims.service ?? 'all']));
  const factor = new Map(series.map((s) => [s.id, unitFactor(seriesUnit(name, s.unit), '%')]));
  const grid = gridFor(range, HOUR_MS);
  const rows = await rollupsForSteps(db, { ids: series.map((s) => s.id), total: null }, range, grid);
  const hosts = new Map<string, typeof rows>();
  for (const r of rows) {
    const host = hostOf.get(r.seriesId)!;
    const k = factor.get(r.seriesId) ?? 1;
    const scaled = k === 1 ? r : { ...r, sum: r.sum * k };
    hosts.set(host, [...(hosts.get(host) ?? []), scaled]);
  }
  return [...hosts].map(([host, list]) => ({
    name: host,
    hourly: bySteps(list, grid).map((step) => {
      let count = 0;
      let sum = 0;
      for (const r of step) {
        count += r.count;
        sum += r.sum;
      }
      return count ? sum / count : null;
    }),
  }));
}

export type DetectionReport = SaveReport & { projectId: string; findings: number; range: Range };

/**
 * What the detectors find for a project over its window ending at `now` (nothing saved). On SQLite
 * its reads wait while requests use the connection (backgroundStatements), as compaction's do.
 */
export function findForProject(
  db: Db,
  project: { id: string; slug: string },
  now = Date.now(),
): Promise<{ findings: Finding[]; range: Range; thresholds: Thresholds }> {
  return backgroundStatements(() => find(db, project, now));
}

async function find(
  db: Db,
  project: { id: string; slug: string },
  now: number,
): Promise<{ findings: Finding[]; range: Range; thresholds: Thresholds }> {
  const { values: thresholds } = await thresholdsFor(db, project.id);
  const range = { from: now - thresholds.windowHours * HOUR_MS, to: now };
  const goals = await goalsFor(db, project.id);
  const [routes, vitals, cpu] = await Promise.all([
    getRouteProfiles(db, project.id, range, goals.p95.target),
    getWebVitals(db, project.id, {}, range),
    cpuByHost(db, project.id, range),
  ]);
  const findings = detect({
    project: project.slug,
    range,
    goals,
    thresholds,
    routes,
    pages: vitals.byRoute,
    worstPages: vitals.worstPages,
    cpu,
  });
  return { findings, range, thresholds };
}

/** One project's pass: found, saved, and the time of the run kept. */
export async function runDetection(
  db: Db,
  project: { id: string; slug: string },
  now = Date.now(),
): Promise<DetectionReport> {
  const { findings, range, thresholds } = await findForProject(db, project, now);
  const saved = await saveFindings(db, project.id, findings, {
    now: new Date(now),
    windowMs: thresholds.windowHours * HOUR_MS,
  });
  await db.optimizerSettings.upsert({
    where: { projectId: project.id },
    create: { projectId: project.id, lastRunAt: new Date(now) },
    update: { lastRunAt: new Date(now) },
  });
  return { ...saved, projectId: project.id, findings: findings.length, range };
}

/** Every project's pass, one after another; stops between projects once `signal` aborts. */
export async function runAllDetection(db: Db, signal?: AbortSignal, now = Date.now()): Promise<DetectionReport[]> {
  const projects = await db.project.findMany({ select: { id: true, slug: true }, orderBy: { createdAt: 'asc' } });
  const out: DetectionReport[] = [];
  for (const p of projects) {
    if (signal?.aborted) break;
    out.push(await runDetection(db, p, now));
  }
  return out;
}
