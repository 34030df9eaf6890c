/**
 * Path parameters as zod schemas for `route({ params })`. A path that cannot name a record
 * answers 404 at once, with no database lookup; the message names what was not found.
 */
import { z } from 'zod';

/** A record's id in a path (cuids, better-auth's ids): short, URL-safe. */
export const recordId = (what: string) =>
  z.string({ error: `no such ${what}` }).regex(/^[A-Za-z0-9_-]{1,64}$/, `no such ${what}`);

/** A project's slug or id. */
export const projectRef = recordId('project');

/** `/projects/[id]/…` */
export const projectPath = z.object({ id: projectRef });

/** `/projects/[id]/<kind>/[<name>]/…`: the project and one record of it. */
export function projectRecordPath<K extends string>(name: K, what: string) {
  return z.object({ id: projectRef, [name]: recordId(`${what} in this project`) } as {
    id: typeof projectRef;
  } & Record<K, ReturnType<typeof recordId>>);
}
