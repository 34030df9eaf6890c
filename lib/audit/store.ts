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

export type AuditQuery = { projectId?: string; action?: string; actor?: string; limit?: number; after?: string };

/**
 * Newest first. Pages continue after the last event of the previous page (`after` = its id);
 * ordering by time and then id means events recorded in the same millisecond are neither
 * skipped nor repeated.
 */
export async function listAudit(db: Db, { projectId, action, actor, limit = 100, after }: AuditQuery = {}) {
  const take = Math.min(Math.max(limit, 1), 1_000);
  const where = { ...(projectId ? { projectId } : {}), ...(action ? { action } : {}), ...(actor ? { actor } : {}) };
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

/** Each audited kind of target ("project:<id>") and how its current name is read. */
const TARGET_NAMES: Record<string, (db: Db, ids: string[]) => Promise<{ id: string | number; name: string }[]>> = {
  project: (db, ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  key: (db, ids) => db.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  share: (db, ids) => db.shareLink.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  alert_rule: (db, ids) => db.alertRule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  alert_channel: (db, ids) =>
    db.alertChannel.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  user: async (db, ids) =>
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => ({
      id: u.id,
      name: u.email,
    })),
  service: (db, ids) => {
    const numeric = ids.map(Number).filter(Number.isSafeInteger);
    return db.service.findMany({ where: { id: { in: numeric } }, select: { id: true, name: true } });
  },
};

/**
 * The name of each event's target as it is now (a project's, a rule's, a user's email), else the
 * name its details recorded (a deleted target's), else null: the log reads in names, not ids.
 */
export async function targetNames<E extends { target: string | null; details: unknown }>(
  db: Db,
  events: readonly E[],
): Promise<(E & { targetName: string | null })[]> {
  const byKind = new Map<string, Set<string>>();
  for (const e of events) {
    const [kind, id] = splitTarget(e.target);
    if (kind && id && TARGET_NAMES[kind]) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(id));
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      for (const row of await TARGET_NAMES[kind]!(db, [...ids])) names.set(`${kind}:${row.id}`, row.name);
    }),
  );
  // Targets gone since: the name their latest event that recorded one gave (a create, a rename).
  const gone = [...new Set(events.map((e) => e.target).filter((t): t is string => t !== null && !names.has(t)))];
  for (let i = 0; i < gone.length; i += 500) {
    const earlier = await db.auditEvent.findMany({
      where: { target: { in: gone.slice(i, i + 500) } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { target: true, details: true },
    });
    for (const e of earlier) {
      const name = recordedName(e.details);
      if (name && e.target && !names.has(e.target)) names.set(e.target, name);
    }
  }
  return events.map((e) => ({ ...e, targetName: (e.target && names.get(e.target)) ?? recordedName(e.details) }));
}

function splitTarget(target: string | null): [string | null, string | null] {
  const at = target?.indexOf(':') ?? -1;
  return at > 0 ? [target!.slice(0, at), target!.slice(at + 1)] : [null, null];
}

function recordedName(details: unknown): string | null {
  if (!details || typeof details !== 'object') return null;
  const { name, email } = details as Record<string, unknown>;
  return typeof name === 'string' ? name : typeof email === 'string' ? email : null;
}

/** The actions and actors the log holds (for its filters), most recent first, at most `limit` each. */
export async function auditFacets(db: Db, limit = 200): Promise<{ actions: string[]; actors: string[] }> {
  const [actions, actors] = await Promise.all([
    db.auditEvent.groupBy({ by: ['action'], _max: { at: true }, orderBy: { _max: { at: 'desc' } }, take: limit }),
    db.auditEvent.groupBy({ by: ['actor'], _max: { at: true }, orderBy: { _max: { at: 'desc' } }, take: limit }),
  ]);
  return { actions: actions.map((a) => a.action).sort(), actors: actors.map((a) => a.actor) };
}
