/**
 * Recommendations as stored rows: each detection pass updates the finding with the same
 * fingerprint (detector and target) instead of adding one, marks what it no longer finds as not
 * current, and moves statuses where the data says so: a snooze that ran out opens the finding
 * again, a dismissed finding that got REOPEN_FACTOR times worse reopens, and a fixed one still
 * found a full window after the fix reopens (the fix did not hold). People change statuses
 * through PATCH (audited); the JSON answered here is the contract other parts read.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';
import type { Finding } from './detectors';
import { PRIORITIES } from './detectors';
import type { RecommendationsQuery, StatusChange } from './schema';

export const STATUSES = ['open', 'in_progress', 'fixed', 'dismissed', 'snoozed'] as const;
export type Status = (typeof STATUSES)[number];

/** A dismissed finding reopens once its severity is this many times what it was when dismissed. */
export const REOPEN_FACTOR = 2;

type Row = Awaited<ReturnType<Db['recommendation']['findFirstOrThrow']>>;

export type Recommendation = {
  id: number;
  fingerprint: string;
  detector: Finding['detector'];
  category: Finding['category'];
  priority: Finding['priority'];
  status: Status;
  snoozedUntil: string | null;
  target: Finding['target'];
  title: string;
  evidence: Finding['evidence'];
  impact: { predicted: Finding['impact']; realized: null };
  steps: string[];
  severity: number;
  /** Whether the latest detection pass found it. */
  current: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  statusChangedAt: string | null;
  updatedAt: string;
};

export function fingerprintOf(f: Pick<Finding, 'detector' | 'target'>): string {
  return createHash('sha256').update(`${f.detector}\0${f.target.kind}\0${f.target.name}`).digest('hex').slice(0, 32);
}

export function view(r: Row): Recommendation {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    detector: r.detector as Finding['detector'],
    category: r.category as Finding['category'],
    priority: r.priority as Finding['priority'],
    status: r.status as Status,
    snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
    target: { kind: r.targetKind as Finding['target']['kind'], name: r.targetName },
    title: r.title,
    evidence: JSON.parse(r.evidence) as Finding['evidence'],
    impact: { predicted: JSON.parse(r.impact) as Finding['impact'], realized: null },
    steps: JSON.parse(r.steps) as string[],
    severity: r.severity,
    current: r.current,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type SaveReport = { created: number; updated: number; reopened: number; gone: number };

/** The status a finding found again takes (see the file's comment). */
function statusFoundAgain(row: Row, severity: number, now: Date, windowMs: number): Status {
  const status = row.status as Status;
  if (status === 'snoozed' && (!row.snoozedUntil || row.snoozedUntil <= now)) return 'open';
  if (status === 'dismissed' && row.statusSeverity !== null && severity >= REOPEN_FACTOR * row.statusSeverity) {
    return 'open';
  }
  if (status === 'fixed' && row.statusChangedAt && now.getTime() - row.statusChangedAt.getTime() >= windowMs) {
    return 'open';
  }
  return status;
}

/** One detection pass's findings for a project, saved (see the file's comment). */
export async function saveFindings(
  db: Db,
  projectId: string,
  findings: readonly Finding[],
  { now = new Date(), windowMs }: { now?: Date; windowMs: number },
): Promise<SaveReport> {
  const report: SaveReport = { created: 0, updated: 0, reopened: 0, gone: 0 };
  const rows = await db.recommendation.findMany({ where: { projectId } });
  const byFingerprint = new Map(rows.map((r) => [r.fingerprint, r]));
  const seen = new Set<string>();
  for (const f of findings) {
    const fingerprint = fingerprintOf(f);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const data = {
      detector: f.detector,
      category: f.category,
      priority: f.priority,
      targetKind: f.target.kind,
      targetName: f.target.name,
      title: f.title,
      evidence: JSON.stringify(f.evidence),
      impact: JSON.stringify(f.impact),
      steps: JSON.stringify(f.steps),
      severity: f.severity,
      current: true,
      lastSeenAt: now,
    };
    const row = byFingerprint.get(fingerprint);
    if (!row) {
      // Two passes at once (only on demand beside the job): the second finds the first's row.
      await db.recommendation.upsert({
        where: { projectId_fingerprint: { projectId, fingerprint } },
        create: { projectId, fingerprint, ...data, firstSeenAt: now },
        update: data,
      });
      report.created++;
      continue;
    }
    const status = statusFoundAgain(row, f.severity, now, windowMs);
    const reopened = status !== row.status && status === 'open';
    await db.recommendation.update({
      where: { id: row.id },
      data: {
        ...data,
        status,
        ...(reopened ? { snoozedUntil: null, statusChangedAt: now, statusSeverity: f.severity, updatedBy: null } : {}),
      },
    });
    if (reopened) report.reopened++;
    else report.updated++;
  }
  const gone = rows.filter((r) => r.current && !seen.has(r.fingerprint)).map((r) => r.id);
  if (gone.length) {
    await db.recommendation.updateMany({ where: { id: { in: gone } }, data: { current: false } });
    report.gone = gone.length;
  }
  return report;
}

const RANK = new Map(PRIORITIES.map((p, i) => [p, i]));

/** A project's recommendations within the filters: by priority, then severity; one page. */
export async function listRecommendations(
  db: Db,
  projectId: string,
  q: Partial<RecommendationsQuery> = {},
): Promise<{ recommendations: Recommendation[]; total: number; page: number; pageSize: number }> {
  const rows = await db.recommendation.findMany({
    where: {
      projectId,
      ...(q.status?.length ? { status: { in: q.status } } : {}),
      ...(q.category?.length ? { category: { in: q.category } } : {}),
      ...(q.priority?.length ? { priority: { in: q.priority } } : {}),
    },
  });
  rows.sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      (RANK.get(a.priority as Finding['priority']) ?? 9) - (RANK.get(b.priority as Finding['priority']) ?? 9) ||
      b.severity - a.severity ||
      a.id - b.id,
  );
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  return {
    recommendations: rows.slice((page - 1) * pageSize, page * pageSize).map(view),
    total: rows.length,
    page,
    pageSize,
  };
}

/** Changes a recommendation's status (audited); 404 when it is not the project's. */
export async function setStatus(
  db: Db,
  actor: string,
  projectId: string,
  id: number,
  change: StatusChange,
  now = new Date(),
): Promise<Recommendation> {
  const row = await db.recommendation.findFirst({ where: { id, projectId } });
  if (!row) throw notFound('no such recommendation in this project');
  const updated = await db.$transaction(async (tx) => {
    const next = await tx.recommendation.update({
      where: { id },
      data: {
        status: change.status,
        snoozedUntil: change.status === 'snoozed' ? change.snoozedUntil : null,
        statusChangedAt: now,
        statusSeverity: row.severity,
        updatedBy: actor,
      },
    });
    await recordAudit(tx, {
      actor,
      action: 'recommendation.status',
      target: `recommendation:${id}`,
      projectId,
      details: {
        title: row.title,
        from: row.status,
        to: change.status,
        ...(change.status === 'snoozed' ? { until: change.snoozedUntil.toISOString() } : {}),
      },
    });
    return next;
  });
  return view(updated);
}
