/**
 * Share links: a read-only public view of one project's dashboards. The token is the whole
 * credential, so it is shown once and stored as a SHA-256 hash; revoking a link refuses it at once.
 */
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';
import { parseInput } from '../http/issues';
import { generateSecret, hashKey, looksLikeShareToken, SHARE_PREFIX } from '../projects/keys';
import { getProject, type ProjectView } from '../projects/store';
import { printable } from '../projects/validation';

const LAST_USED_RESOLUTION_MS = 60_000;

export const shareName = printable('share link name', 100);

export type ShareView = {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function shareView(s: ShareView & { hash?: string }): ShareView {
  return {
    id: s.id,
    projectId: s.projectId,
    name: s.name,
    prefix: s.prefix,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    lastUsedAt: s.lastUsedAt,
    revokedAt: s.revokedAt,
  };
}

/** Creates a link and returns its token once, in clear. */
export async function createShare(
  db: Db,
  actor: string,
  projectSlugOrId: string,
  input: { name: unknown },
): Promise<{ token: string; share: ShareView }> {
  const project = await getProject(db, projectSlugOrId);
  const name = parseInput(shareName, input.name, { field: 'name' });
  const { key: token, prefix, hash } = generateSecret(SHARE_PREFIX);
  const share = await db.$transaction(async (tx) => {
    const created = await tx.shareLink.create({
      data: { projectId: project.id, name, prefix, hash, createdBy: actor },
    });
    await recordAudit(tx, {
      actor,
      action: 'share.create',
      target: `share:${created.id}`,
      projectId: project.id,
      details: { name, prefix },
    });
    return created;
  });
  return { token, share: shareView(share) };
}

export async function listShares(db: Db, projectSlugOrId: string): Promise<ShareView[]> {
  const project = await getProject(db, projectSlugOrId);
  const rows = await db.shareLink.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'desc' } });
  return rows.map(shareView);
}

/** Revokes a link of the given project; the next visit with it is refused. */
export async function revokeShare(db: Db, actor: string, projectId: string, shareId: string): Promise<ShareView> {
  const existing = await db.shareLink.findUnique({ where: { id: shareId } });
  if (!existing || existing.projectId !== projectId) throw notFound(`no share link "${shareId.slice(0, 60)}"`);
  if (existing.revokedAt) return shareView(existing);
  return db.$transaction(async (tx) => {
    const revoked = await tx.shareLink.update({ where: { id: shareId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: 'share.revoke',
      target: `share:${shareId}`,
      projectId,
      details: { name: existing.name, prefix: existing.prefix },
    });
    return shareView(revoked);
  });
}

/** The project a live token opens, or null (malformed, unknown or revoked). */
export async function resolveShare(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ share: ShareView; project: ProjectView } | null> {
  if (!looksLikeShareToken(token)) return null;
  const found = await db.shareLink.findUnique({ where: { hash: hashKey(token) } });
  if (!found || found.revokedAt) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.shareLink.update({ where: { id: found.id }, data: { lastUsedAt: now } });
    found.lastUsedAt = now;
  }
  return { share: shareView(found), project: await getProject(db, found.projectId) };
}
