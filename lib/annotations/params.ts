/**
 * The annotations query's parameters, shared by the route (strict: 422 naming the parameter)
 * and the browser's hook (the request it sends): project, and the range as the other query
 * routes take it (ms or ISO 8601; default the last hour, at most 400 days). Safe in the browser.
 */
import { z } from 'zod';
import { sharedFields, strictRange, type TimeRange } from '../views/period';

export const ANNOTATIONS_PATH = '/api/v1/query/annotations';

const shape = {
  project: sharedFields.project.schema,
  from: sharedFields.from.schema.optional(),
  to: sharedFields.to.schema.optional(),
};

export const annotationsQuery = z
  .object(shape)
  .catchall(z.unknown())
  .transform((q, ctx) => {
    const parsed = strictRange(q, shape, ctx);
    return parsed ? { project: q.project, range: parsed.range } : z.NEVER;
  });

export type AnnotationsQuery = z.output<typeof annotationsQuery>;

/** The route's URL for a project and a resolved range. */
export function annotationsRequest(projectId: string, range: TimeRange): string {
  const params = new URLSearchParams({ project: projectId, from: String(range.from), to: String(range.to) });
  return `${ANNOTATIONS_PATH}?${params}`;
}
