import { z } from 'zod';
import { auditFacets, listAudit, targetNames } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getProject } from '@/lib/projects';

const query = z.strictObject({
  project: z.string().min(1).max(100).optional(),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_-]+)+$/, 'action must be an action name such as project.create')
    .max(100)
    .optional(),
  actor: z
    .string()
    .min(1)
    .max(320, 'actor is too long')
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'actor must be printable text')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` of the previous page: the id of its last event. */
  after: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/, 'after must be the next value of the previous page')
    .optional(),
});

/**
 * Who did what and when, newest first, each target with its name; `after` pages back; `action`
 * and `actor` narrow. The first page also lists the actions and actors of the whole log, to choose from.
 */
export const GET = route({ auth: 'user', permission: 'audit:read', query }, async ({ query }) => {
  const db = getDb();
  const projectId = query.project ? (await getProject(db, query.project)).id : undefined;
  const events = await listAudit(db, {
    projectId,
    action: query.action,
    actor: query.actor,
    limit: query.limit,
    after: query.after,
  });
  return {
    events: await targetNames(db, events),
    next: events.length === query.limit ? events.at(-1)!.id : null,
    ...(query.after ? {} : await auditFacets(db)),
  };
});
