/**
 * The demo shop, live: while the demo project exists, the `demo-live` job (one instance a minute)
 * writes the minute that just ended, drawn by the same generator as its history, through the
 * ingestion writer: the requests as the history writes them (a few per route and outcome, each
 * weighing a share of the minute's count, so a shop at tens of requests a second costs a few
 * hundred rows a minute, not six thousand raw points; the sampler keeps some whole as ingestion
 * does), the page views as page loads (so "active users" counts them), the vitals, gauges and
 * business metrics. No incident: that one is in the history. An admin turns it off and on
 * (InstanceSetting `demo.live`, Settings → System); deleting the project stops it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { fanOut } from '../ingest/requests';
import type { RequestSampler } from '../ingest/samples';
import { normalizeMetrics, normalizeRequests, type MetricsBody, type RequestsBody } from '../ingest/schema';
import type { IngestWriter } from '../ingest/writer';
import { MAX_POINT_AGE_MS } from '../ingest/timestamp';
import { WEB_VITALS } from '../metrics';
import { MINUTE_MS } from '../time';
import { PAGE_ACTIVITY_COLUMNS } from '../vitals/rows';
import { DEMO_PROJECT } from './catalog';
import { DemoGenerator } from './generate';

export const DEMO_LIVE_SETTING = 'demo.live';
const NO_INCIDENT = { from: 0, to: 0 };

/** Whether the live demo traffic is on (it is unless an admin turned it off). */
export async function demoLiveEnabled(db: Db): Promise<boolean> {
  const row = await db.instanceSetting.findUnique({ where: { key: DEMO_LIVE_SETTING } });
  return row?.value !== 'off';
}

export async function setDemoLive(db: Db, enabled: boolean): Promise<void> {
  const value = enabled ? 'on' : 'off';
  await db.instanceSetting.upsert({
    where: { key: DEMO_LIVE_SETTING },
    create: { key: DEMO_LIVE_SETTING, value },
    update: { value },
  });
}

export type LiveMinute = { projectId: string; minute: number; requests: number; points: number; pageLoads: number };

/**
 * Writes the demo's minute before `now` (null: no demo project with data, or turned off). The
 * seed is the minute, so a minute is always drawn the same; the job runs once a turn, so it is
 * written once.
 */
export async function writeDemoMinute(
  db: Db,
  writer: IngestWriter,
  sampler: RequestSampler,
  now = Date.now(),
): Promise<LiveMinute | null> {
  const project = await db.project.findUnique({ where: { slug: DEMO_PROJECT.slug }, select: { id: true } });
  if (!project || !(await demoLiveEnabled(db))) return null;
  if (!(await db.series.findFirst({ where: { projectId: project.id }, select: { id: true } }))) return null;
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const made = new DemoGenerator(minute / MINUTE_MS, NO_INCIDENT).minute(minute);
  const time = { now, maxAgeMs: MAX_POINT_AGE_MS };
  const requests = normalizeRequests({ requests: made.requests as RequestsBody['requests'] }, time);
  const metrics = normalizeMetrics({ points: made.points as MetricsBody['points'] }, time);
  if (!requests.ok || !metrics.ok) throw new Error('demo data refused by ingestion');
  // One page load per page view (its LCP), with a fresh id, as the tracker's beacons make them.
  const loads = metrics.points
    .filter((p) => p.name === WEB_VITALS.LCP.metric)
    .map((p) => [project.id, randomUUID(), p.tags.route ?? '/', p.ts]);
  const points = [...fanOut(requests.requests), ...metrics.points];
  await writer.submit(project.id, points, [
    sampler.rows(project.id, requests.requests, 0),
    { table: 'PageActivity', columns: PAGE_ACTIVITY_COLUMNS, rows: loads },
  ]);
  return {
    projectId: project.id,
    minute,
    requests: requests.requests.reduce((n, r) => n + (r.weight ?? 1), 0),
    points: points.length,
    pageLoads: loads.length,
  };
}
