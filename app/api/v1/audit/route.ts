import { z } from 'zod';
import { listAudit } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getProject } from '@/lib/projects';

const query = z.strictObject({
  project: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` of the previous page: the id of its last event. */
  after: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/, 'after must be the next value of the previous page')
    .optional(),
});

/** Who did what and when, newest first; `after` pages back. */
export const GET = route({ auth: 'user', permission: 'audit:read', query }, async ({ query }) => {
  const db = getDb();
  const projectId = query.project ? (await getProject(db, query.project)).id : undefined;
  const events = await listAudit(db, { projectId, limit: query.limit, after: query.after });
  return { events, next: events.length === query.limit ? events.at(-1)!.id : null };
});
