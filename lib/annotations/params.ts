/**
 * The annotations query's parameters, shared by the route (strict: 422 naming the parameter)
 * and the browser's hook (the request it sends): project, and the range as the other query
 * routes take it (ms or ISO 8601; default the last hour, at most 400 days). Safe in the browser.
 */
import { z } from 'zod';
import { HOUR_MS } from '../time';
import { rangeProblem, sharedFields, type TimeRange } from '../views/period';

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
    const unknown = Object.keys(q).find((key) => !(key in shape));
    if (unknown !== undefined) {
      // Shortened: a hostile name is never echoed whole.
      ctx.addIssue({ code: 'custom', path: [unknown.slice(0, 60)], message: 'unknown parameter' });
      return z.NEVER;
    }
    const to = q.to ?? Date.now();
    const from = q.from ?? to - HOUR_MS;
    const problem = rangeProblem(from, to);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: problem });
      return z.NEVER;
    }
    return { project: q.project, range: { from, to } };
  });

export type AnnotationsQuery = z.output<typeof annotationsQuery>;

/** The route's URL for a project and a resolved range. */
export function annotationsRequest(projectId: string, range: TimeRange): string {
  const params = new URLSearchParams({ project: projectId, from: String(range.from), to: String(range.to) });
  return `${ANNOTATIONS_PATH}?${params}`;
}
