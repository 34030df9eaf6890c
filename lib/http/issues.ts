import type { z } from 'zod';
import { invalid } from './errors';

const MAX_REPORTED_ISSUES = 20;

/** zod issues as `{ path, message }`, the first few only: enough to fix the request. */
export function describeIssues(error: z.ZodError, field?: string): { path: string; message: string }[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const inner = issue.path.map(String).join('.');
    return { path: [field, inner].filter(Boolean).join('.') || '(root)', message: issue.message };
  });
}

/**
 * Parses input with a schema, or throws 422 naming the first problem (`<prefix><path>: <reason>`)
 * with all of them as details. `field` names the input when the schema covers one value.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  { prefix = '', field }: { prefix?: string; field?: string } = {},
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = describeIssues(result.error, field);
  throw invalid(`${prefix}${details[0]!.path}: ${details[0]!.message}`, details);
}
