/**
 * A signed-in user's own display preferences (lib/preferences.ts), stored on their user row:
 * read by the dashboard layout on every page, changed by the user through
 * /api/v1/me/preferences. Only the user changes their own; nothing here is an administrator's.
 */
import { z } from 'zod';
import type { Db } from '../db/client';
import { isNotFound } from '../db/errors';
import { notFound } from '../http/errors';
import { parseInput } from '../http/issues';
import { isTimeZonePreference, TIME_ZONE_PREFERENCES, type TimeZonePreference } from '../preferences';

export type Preferences = { timeZone: TimeZonePreference };

export const preferenceChanges = z.strictObject({
  timeZone: z.enum(TIME_ZONE_PREFERENCES, {
    error: `timeZone must be one of ${TIME_ZONE_PREFERENCES.join(', ')}`,
  }),
});

/** A stored value this version does not know reads as UTC. */
function preferencesOf(row: { timeZone: string }): Preferences {
  return { timeZone: isTimeZonePreference(row.timeZone) ? row.timeZone : 'UTC' };
}

export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  if (!row) throw notFound('no such user');
  return preferencesOf(row);
}

export async function updatePreferences(db: Db, userId: string, input: unknown): Promise<Preferences> {
  const changes = parseInput(preferenceChanges, input);
  const row = await db.user
    .update({ where: { id: userId }, data: changes, select: { timeZone: true } })
    .catch((err: unknown) => {
      // The user was removed since the request was authenticated.
      if (isNotFound(err)) throw notFound('no such user');
      throw err;
    });
  return preferencesOf(row);
}
