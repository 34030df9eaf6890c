/**
 * Projects and their keys. Every change is recorded in the audit log in the same transaction.
 * Functions take the database client so the CLI, routes and tests share them.
 */
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { conflict, invalid, notFound } from '../http/errors';
import { parseInput } from '../http/issues';
import { projectsChanged } from './changes';
import { generateKey, generateSiteId, hashKey, looksLikeKey, type AdminScope, type KeyKind } from './keys';
import { adminScopes, allowedOrigins, keyKind, keyName, projectName, projectSlug, slugify } from './validation';

/** lastUsedAt is written at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The id of Observatory's own project (lib/projects/self.ts). No slug can look like it (slugs
 * have no underscore), so looking a project up by slug or id never confuses the two.
 */
export const SELF_PROJECT_ID = 'observatory_self';

export type ProjectView = {
  id: string;
  slug: string;
  name: string;
  siteId: string;
  allowedOrigins: string[];
  createdAt: Date;
  /** Observatory's own project: created at start, never deleted. */
  builtIn: boolean;
};

/** A project row's allowed origins (stored as a JSON array). */
export function originsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed)) return parsed.filter((o): o is string => typeof o === 'string');
  } catch {
    // A hand-edited row: treat as no origins rather than failing every read.
  }
  return [];
}

function view(p: {
  id: string;
  slug: string;
  name: string;
  siteId: string;
  allowedOrigins: string;
  createdAt: Date;
}): ProjectView {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    siteId: p.siteId,
    allowedOrigins: originsOf(p.allowedOrigins),
    createdAt: p.createdAt,
    builtIn: p.id === SELF_PROJECT_ID,
  };
}

export async function listProjects(db: Db): Promise<ProjectView[]> {
  return (await db.project.findMany({ orderBy: { name: 'asc' } })).map(view);
}

/** A project by slug or id; 404 when there is none. */
/** What a slug or an id can look like; anything else names no project (and is not sent to the database). */
const SLUG_OR_ID = /^[A-Za-z0-9_-]{1,100}$/;

export async function getProject(db: Db, slugOrId: string): Promise<ProjectView> {
  // A NUL byte, say, is an error on PostgreSQL, not a missing row.
  if (!SLUG_OR_ID.test(slugOrId)) throw notFound('no project has this slug or id');
  const project = await db.project.findFirst({ where: { OR: [{ slug: slugOrId }, { id: slugOrId }] } });
  if (!project) throw notFound(`no project "${slugOrId.slice(0, 60)}"`);
  return view(project);
}

export async function createProject(
  db: Db,
  actor: string,
  input: { name: string; slug?: string; allowedOrigins?: string[] },
): Promise<ProjectView> {
  const name = parseInput(projectName, input.name, { field: 'name' });
  const derived = slugify(name);
  const slug = parseInput(projectSlug, input.slug ?? (derived.length >= 2 ? derived : `project-${derived}`), {
    field: 'slug',
  });
  const origins = parseInput(allowedOrigins, input.allowedOrigins ?? [], { field: 'allowedOrigins' });
  try {
    const created = await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { name, slug, siteId: generateSiteId(), allowedOrigins: JSON.stringify(origins) },
      });
      await recordAudit(tx, {
        actor,
        action: 'project.create',
        target: `project:${project.id}`,
        projectId: project.id,
        details: { name, slug },
      });
      return view(project);
    });
    projectsChanged();
    return created;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a project with the slug "${slug}" already exists`);
    throw err;
  }
}

export async function updateProject(
  db: Db,
  actor: string,
  slugOrId: string,
  changes: { name?: string; allowedOrigins?: string[] },
): Promise<ProjectView> {
  const current = await getProject(db, slugOrId);
  const name = changes.name === undefined ? undefined : parseInput(projectName, changes.name, { field: 'name' });
  const origins =
    changes.allowedOrigins === undefined
      ? undefined
      : parseInput(allowedOrigins, changes.allowedOrigins, { field: 'allowedOrigins' });
  const updated = await db.$transaction(async (tx) => {
    const project = await tx.project.update({
      where: { id: current.id },
      data: { name, allowedOrigins: origins === undefined ? undefined : JSON.stringify(origins) },
    });
    await recordAudit(tx, {
      actor,
      action: 'project.update',
      target: `project:${project.id}`,
      projectId: project.id,
      details: { ...(name !== undefined && { name }), ...(origins !== undefined && { allowedOrigins: origins }) },
    });
    return view(project);
  });
  projectsChanged();
  return updated;
}

export async function deleteProject(db: Db, actor: string, slugOrId: string): Promise<void> {
  const current = await getProject(db, slugOrId);
  if (current.builtIn) {
    throw conflict(
      'the built-in Observatory project cannot be deleted; set SELF_MONITORING=false to stop recording into it',
    );
  }
  await db.$transaction(async (tx) => {
    // Points and rollups refer to series without a foreign key (it would slow every write).
    const series = (await tx.series.findMany({ where: { projectId: current.id }, select: { id: true } })).map(
      (s) => s.id,
    );
    for (let i = 0; i < series.length; i += 500) {
      const ids = series.slice(i, i + 500);
      await tx.point.deleteMany({ where: { seriesId: { in: ids } } });
      await tx.rollup.deleteMany({ where: { seriesId: { in: ids } } });
      await tx.latePoint.deleteMany({ where: { seriesId: { in: ids } } });
      await tx.rollupDirty.deleteMany({ where: { seriesId: { in: ids } } });
    }
    await tx.requestSample.deleteMany({ where: { projectId: current.id } });
    await tx.vitalSample.deleteMany({ where: { projectId: current.id } });
    await tx.pageActivity.deleteMany({ where: { projectId: current.id } });
    await tx.project.delete({ where: { id: current.id } });
    await recordAudit(tx, {
      actor,
      action: 'project.delete',
      target: `project:${current.id}`,
      projectId: current.id,
      details: { name: current.name, slug: current.slug },
    });
  });
  projectsChanged();
}

export type KeyView = {
  id: string;
  projectId: string;
  kind: KeyKind;
  name: string;
  prefix: string;
  scopes: AdminScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function keyView(k: {
  id: string;
  projectId: string;
  kind: string;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): KeyView {
  return {
    id: k.id,
    projectId: k.projectId,
    kind: k.kind as KeyKind,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes.split(' ').filter(Boolean) as AdminScope[],
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  };
}

/** Creates a key and returns it once, in clear; only its hash is kept. */
export async function createKey(
  db: Db,
  actor: string,
  input: { project: string; kind: string; name: string; scopes?: string[] },
): Promise<{ key: string; record: KeyView }> {
  const project = await getProject(db, input.project);
  const kind = parseInput(keyKind, input.kind, { field: 'kind' });
  const name = parseInput(keyName, input.name, { field: 'name' });
  const scopes = parseInput(adminScopes, input.scopes ?? [], { field: 'scopes' });
  if (kind === 'ingest' && scopes.length)
    throw invalid('scopes: ingest keys have no scopes; they can only write metrics');
  const granted = kind === 'admin' && scopes.length === 0 ? ['performance:read'] : scopes;
  const { key, prefix, hash } = generateKey(kind);
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { projectId: project.id, kind, name, prefix, hash, scopes: [...new Set(granted)].join(' ') },
    });
    await recordAudit(tx, {
      actor,
      action: 'key.create',
      target: `key:${created.id}`,
      projectId: project.id,
      details: { kind, name, prefix, scopes: granted },
    });
    return created;
  });
  return { key, record: keyView(record) };
}

export async function listKeys(db: Db, projectSlugOrId: string): Promise<KeyView[]> {
  const project = await getProject(db, projectSlugOrId);
  return (await db.apiKey.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'desc' } })).map(keyView);
}

/** Revokes a key at once: the next request that presents it is refused. */
export async function revokeKey(db: Db, actor: string, keyId: string): Promise<KeyView> {
  const existing = await db.apiKey.findUnique({ where: { id: keyId } });
  if (!existing) throw notFound(`no key "${keyId.slice(0, 60)}"`);
  if (existing.revokedAt) return keyView(existing);
  return db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: 'key.revoke',
      target: `key:${keyId}`,
      projectId: existing.projectId,
      details: { name: existing.name, prefix: existing.prefix },
    });
    return keyView(revoked);
  });
}

/**
 * The live key and project for a presented secret, or null: malformed, unknown, revoked, or of
 * another kind. Marks the key used (at most once a minute).
 */
export async function verifyKey(
  db: Db,
  presented: string,
  kind: KeyKind,
  now = new Date(),
): Promise<{ key: KeyView; projectId: string } | null> {
  if (!looksLikeKey(presented, kind)) return null;
  const found = await db.apiKey.findUnique({ where: { hash: hashKey(presented) } });
  if (!found || found.revokedAt || found.kind !== kind) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: now } });
    found.lastUsedAt = now;
  }
  return { key: keyView(found), projectId: found.projectId };
}
