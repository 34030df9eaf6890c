/**
 * One reader per dashboard view, called by both its query route (app/api/v1/query/<view>) and its
 * page's prefetch (views.ts), with parameters from the view's one definition (lib/views).
 */
import type { Db } from '../db/client';
import { goalsFor } from '../goals';
import type { Fields, ReadParams, View } from '../views/define';
import type { endpointView } from '../views/endpoint';
import type { endpointsView } from '../views/endpoints';
import type { observatoryView } from '../views/observatory';
import type { webVitalsView } from '../views/web-vitals';
import { getEndpoint } from './endpoint';
import { getEndpoints } from './endpoints';
import { getObservatory } from './observatory';
import { getWebVitals } from './web-vitals';

type Reader<V> =
  V extends View<string, infer D, infer F, Fields>
    ? (db: Db, projectId: string, p: ReadParams<F>) => Promise<D>
    : never;

export const readObservatory: Reader<typeof observatoryView> = async (db, projectId, p) =>
  getObservatory(db, projectId, p.range, { compare: p.compare, goals: await goalsFor(db, projectId) });

export const readEndpoints: Reader<typeof endpointsView> = (db, projectId, p) =>
  getEndpoints(db, projectId, { service: p.service ?? undefined, method: p.method ?? undefined }, p.range, {
    compare: p.compare,
  });

export const readEndpoint: Reader<typeof endpointView> = (db, projectId, p) =>
  getEndpoint(db, projectId, { service: p.service, method: p.method, route: p.route }, p.range, {
    compare: p.compare,
  });

export const readWebVitals: Reader<typeof webVitalsView> = (db, projectId, p) =>
  getWebVitals(db, projectId, { route: p.route ?? undefined, device: p.device ?? undefined }, p.range, {
    percentile: p.percentile,
    compare: p.compare,
  });
