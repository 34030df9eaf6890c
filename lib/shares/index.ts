/** Share links' public face for pages: the store on the process's database. */
import 'server-only';
import { getDb } from '../db';
import { resolveShare } from './store';

export * from './store';

/** The share link and project a token opens, or null (unknown, malformed or revoked: the same 404). */
export function openShare(token: string) {
  return resolveShare(getDb(), token);
}
