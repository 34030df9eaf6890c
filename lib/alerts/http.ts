/** What the alert routes share: path ids checked before any database lookup. */
import 'server-only';
import { notFound } from '../http/errors';
import { param } from '../projects';

/** A path id, or 404 without a database lookup when it cannot be one. */
export function pathId(params: Record<string, string | string[]>, name: string, what: string): string {
  const value = param(params, name);
  if (!/^[a-z0-9]{8,40}$/.test(value)) throw notFound(`no such ${what} in this project`);
  return value;
}
