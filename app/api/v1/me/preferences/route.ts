import { getPreferences, preferenceChanges, updatePreferences } from '@/lib/auth/preferences';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';

/** The signed-in user's own display preferences (times in UTC or in their browser's zone). */
export const GET = route({ auth: 'user' }, async ({ actor }) => ({
  preferences: await getPreferences(getDb(), actor.id),
}));

/** Changes them; a cookie-authenticated change needs this site's Origin, as every settings write. */
export const PATCH = route({ auth: 'user', body: preferenceChanges, maxBodyBytes: 1024 }, async ({ actor, body }) => ({
  preferences: await updatePreferences(getDb(), actor.id, body),
}));
