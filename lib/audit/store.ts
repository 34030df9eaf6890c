import type { Db } from '../db/client';

export type AuditEntry = {
  /** "cli", "system", or "user:<id>" */
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

export async function listAudit(db: Db, { projectId, limit = 100 }: { projectId?: string; limit?: number } = {}) {
  return db.auditEvent.findMany({
    where: projectId ? { projectId } : undefined,
    orderBy: { at: 'desc' },
    take: Math.min(Math.max(limit, 1), 1_000),
  });
}
