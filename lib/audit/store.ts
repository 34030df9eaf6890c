import type { Db } from '../db/client';

export type AuditEntry = {
  /** "cli", "setup", "system", "user:<email>" or "key:<prefix>" */
  actor: string;
  action: string;
  target?: string;
  projectId?: string;
  details?: Record<string, string | number | boolean | null | string[]>;
};

type Writer = Pick<Db, 'auditEvent'>;

/** Records what happened. Never pass secrets in details: the log is shown to admins. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      projectId: entry.projectId ?? null,
      details: entry.details ?? undefined,
    },
  });
}

export type AuditQuery = { projectId?: string; limit?: number; after?: string };

/**
 * Newest first. Pages continue after the last event of the previous page (`after` = its id);
 * ordering by time and then id means events recorded in the same millisecond are neither
 * skipped nor repeated.
 */
export async function listAudit(db: Db, { projectId, limit = 100, after }: AuditQuery = {}) {
  const take = Math.min(Math.max(limit, 1), 1_000);
  const where = projectId ? { projectId } : undefined;
  const orderBy = [{ at: 'desc' as const }, { id: 'desc' as const }];
  if (!after) return db.auditEvent.findMany({ where, orderBy, take });
  const cursor = await db.auditEvent.findUnique({ where: { id: after } });
  if (!cursor) return [];
  return db.auditEvent.findMany({
    where: {
      ...where,
      OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }],
    },
    orderBy,
    take,
  });
}
