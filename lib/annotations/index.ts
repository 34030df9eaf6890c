/**
 * Annotations' server side: the registry of sources, one per kind, and the one reader the query
 * route calls. A new kind (deploys, scaling events, incidents) plugs in as a source here: a
 * function reading its own stored rows of a project, each span clipped to the range, `to` null
 * while it goes on. Every chart then draws it with the others, with no change to the charts.
 */
import 'server-only';
import type { Db } from '../db/client';
import type { TimeRange } from '../views/period';
import { alertAnnotations } from './alerts';
import { deployAnnotations } from './deploys';
import type { Annotation, AnnotationKind, Annotations } from './types';

export type { Annotation, AnnotationKind, Annotations } from './types';

export type AnnotationSource = (db: Db, projectId: string, range: TimeRange) => Promise<Annotation[]>;

export const ANNOTATION_SOURCES: Partial<Record<AnnotationKind, AnnotationSource>> = {
  alert: alertAnnotations,
  deploy: deployAnnotations,
};

/** The most annotations one answer holds; past it the latest are kept (the charts would be a wall of bands). */
export const MAX_ANNOTATIONS = 200;

/** Every source's annotations of a project overlapping `range`, oldest first. */
export async function readAnnotations(
  db: Db,
  projectId: string,
  range: TimeRange,
  sources: Partial<Record<AnnotationKind, AnnotationSource>> = ANNOTATION_SOURCES,
): Promise<Annotations> {
  const lists = await Promise.all(Object.values(sources).map((read) => read(db, projectId, range)));
  const all = lists.flat().sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));
  return {
    range,
    annotations: all.slice(-MAX_ANNOTATIONS),
    truncated: all.length > MAX_ANNOTATIONS,
  };
}
