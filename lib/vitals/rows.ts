/**
 * A valid beacon as rows: one point per vital into the vitals' distributions (lib/metrics/web-vitals.ts,
 * tags `route` and `device` only, so series stay few), one PageActivity row for the page load, and a
 * VitalSample row for each vital with attribution that is not rated good (the "worst pages and why"
 * view needs those, not the good ones). Pure: the endpoint hands them to the writer.
 */
import type { Column } from '../db/bulk';
import { templateRoute, withoutQuery } from '../ingest/route-template';
import { rateVital, WEB_VITALS } from '../metrics';
import type { IngestPoint, SideRows } from '../ingest/writer';
import type { Beacon } from './schema';

export const PAGE_ACTIVITY_COLUMNS: readonly Column[] = [
  { name: 'projectId', pgType: 'text' },
  { name: 'pageId', pgType: 'text' },
  { name: 'route', pgType: 'text' },
  { name: 'ts', pgType: 'int8' },
];

export const VITAL_SAMPLE_COLUMNS: readonly Column[] = [
  { name: 'projectId', pgType: 'text' },
  { name: 'ts', pgType: 'int8' },
  { name: 'route', pgType: 'text' },
  { name: 'vital', pgType: 'text' },
  { name: 'value', pgType: 'float8' },
  { name: 'device', pgType: 'text' },
  { name: 'navigation', pgType: 'text' },
  { name: 'connection', pgType: 'text' },
  { name: 'target', pgType: 'text' },
  { name: 'url', pgType: 'text' },
  { name: 'interaction', pgType: 'text' },
  { name: 'inputDelay', pgType: 'float8' },
  { name: 'processing', pgType: 'float8' },
  { name: 'presentation', pgType: 'float8' },
];

export { withoutQuery };

export function beaconRows(
  projectId: string,
  beacon: Beacon,
  now: number,
): { points: IngestPoint[]; side: SideRows[] } {
  const points: IngestPoint[] = [];
  const samples: unknown[][] = [];
  // Templating is the costly step: the events of one beacon share a few paths.
  const routes = new Map<string, string>();
  let lastRoute = '/';
  for (const e of beacon.events) {
    const raw = e.route ?? e.path;
    let route = routes.get(raw);
    if (route === undefined) routes.set(raw, (route = templateRoute(raw)));
    lastRoute = route;
    const { metric, unit } = WEB_VITALS[e.name];
    points.push({
      name: metric,
      kind: 'distribution',
      unit,
      tags: { device: beacon.device, route },
      ts: now,
      value: e.value,
    });
    const a = e.attribution;
    if (!a || rateVital(e.name, e.value) === 'good') continue;
    samples.push([
      projectId,
      now,
      route,
      e.name,
      e.value,
      beacon.device,
      e.navigation ?? null,
      beacon.connection ?? null,
      a.target ?? null,
      a.url === undefined ? null : withoutQuery(a.url),
      a.interaction ?? null,
      a.inputDelay ?? null,
      a.processing ?? null,
      a.presentation ?? null,
    ]);
  }
  const side: SideRows[] = [
    { table: 'PageActivity', columns: PAGE_ACTIVITY_COLUMNS, rows: [[projectId, beacon.page, lastRoute, now]] },
  ];
  if (samples.length) side.push({ table: 'VitalSample', columns: VITAL_SAMPLE_COLUMNS, rows: samples });
  return { points, side };
}
