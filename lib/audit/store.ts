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

export type AuditQuery = { projectId?: string; limit?: number; before?: Date };

/** Newest first; page with `before` set to the last entry's time. */
export async function listAudit(db: Db, { projectId, limit = 100, before }: AuditQuery = {}) {
  return db.auditEvent.findMany({
    where: { ...(projectId && { projectId }), ...(before && { at: { lt: before } }) },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(limit, 1), 1_000),
  });
}
