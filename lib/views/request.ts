/**
 * One kept request's page (/endpoints/request?project=…&id=…) and its query route: the project's
 * slug and the request's number. Safe in the browser: rows link with `requestHref`.
 */
import { z } from 'zod';

const project = z
  .string({ error: 'project must be given once, as a slug or id' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'project must be a project slug or id');

// Digits only (no sign, exponent or fraction) and within what a JavaScript number holds exactly.
const id = z
  .string({ error: 'id must be given once, as a request number' })
  .regex(/^[1-9]\d{0,15}$/, 'id must be a request number (digits, from 1)')
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), 'id is out of range');

export const requestQuery = z.object({ project, id });
export type RequestQuery = z.output<typeof requestQuery>;

/** The page's parameters, or null when the link does not name a request. */
export function parseRequestPage(params: Record<string, string | string[] | undefined>): RequestQuery | null {
  const parsed = requestQuery.safeParse(params);
  return parsed.success ? parsed.data : null;
}

export function requestHref(projectSlug: string, requestId: number): string {
  return `/endpoints/request?${new URLSearchParams({ project: projectSlug, id: String(requestId) })}`;
}
