/**
 * What the alert routes answer to a read, as one function each: the route handlers send these
 * bodies, and the alerts page prefetches the same ones (page-data.ts), so the two cannot drift.
 */
import type { Db } from '../db/client';
import { ensureSeedRules } from './evaluate';
import { history, listChannels, listRules, listSilences } from './store';

/** The project's rules with their state; the default rules are created on the first read. */
export async function readRules(db: Db, projectId: string) {
  await ensureSeedRules(db, projectId);
  return { rules: await listRules(db, projectId) };
}

/** Channels as shown: a masked hint of their secret, never the URL or key itself. */
export async function readChannels(db: Db, projectId: string) {
  return { channels: await listChannels(db, projectId) };
}

export async function readSilences(db: Db, projectId: string) {
  return { silences: await listSilences(db, projectId) };
}

/** The latest state changes of the project's rules, newest first. */
export async function readHistory(db: Db, projectId: string) {
  return { events: await history(db, projectId) };
}
