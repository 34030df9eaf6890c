import { z } from 'zod';
import { listAudit } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getProject } from '@/lib/projects';

const query = z.strictObject({
  project: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO 8601 time' }).optional(),
});

/** Who did what and when, newest first; `before` pages back. */
export const GET = route({ auth: 'user', permission: 'audit:read', query }, async ({ query }) => {
  const db = getDb();
  const projectId = query.project ? (await getProject(db, query.project)).id : undefined;
  const events = await listAudit(db, {
    projectId,
    limit: query.limit,
    before: query.before ? new Date(query.before) : undefined,
  });
  return { events, next: events.length === query.limit ? events.at(-1)!.at.toISOString() : null };
});
