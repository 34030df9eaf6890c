/**
 * The audit log reads in names: each event's target as it is named now (a project, a key), or as
 * its details recorded it once the target is gone, and filters by action and actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFacets, listAudit, recordAudit, targetNames } from '@/lib/audit/store';
import type { Db } from '@/lib/db/client';
import { createKey, createProject, deleteProject, updateProject } from '@/lib/projects/store';
import { migratedDb } from '../helpers/db';
import { freshSqlite, type TestDatabase } from '../helpers/services';

describe('audit events by name', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ database, db } = await migratedDb(freshSqlite));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('names live and deleted targets, and narrows by action and actor', async () => {
    const shop = await createProject(db, 'user:ann@example.com', { name: 'Shop' });
    await updateProject(db, 'user:ann@example.com', shop.id, { name: 'Shop (renamed)' });
    const { record: key } = await createKey(db, 'cli', { project: shop.slug, kind: 'ingest', name: 'loader' });
    const gone = await createProject(db, 'cli', { name: 'Gone soon' });
    await deleteProject(db, 'user:bob@example.com', gone.id);

    const events = await targetNames(db, await listAudit(db));
    const byAction = (action: string, target: string) =>
      events.find((e) => e.action === action && e.target === target)!;
    // A live target: its name now, whatever it was called then.
    expect(byAction('project.create', `project:${shop.id}`).targetName).toBe('Shop (renamed)');
    expect(byAction('key.create', `key:${key.id}`).targetName).toBe('loader');
    // A deleted one: the name its events recorded.
    expect(byAction('project.delete', `project:${gone.id}`).targetName).toBe('Gone soon');
    // Its delete event recording none: the latest earlier event that did.
    await recordAudit(db, {
      actor: 'cli',
      action: 'alert_rule.create',
      target: 'alert_rule:r1',
      details: { name: 'Old rule' },
    });
    await recordAudit(db, { actor: 'cli', action: 'alert_rule.delete', target: 'alert_rule:r1' });
    await recordAudit(db, { actor: 'cli', action: 'alert_rule.delete', target: 'alert_rule:never-named' });
    const later = await targetNames(db, await listAudit(db, { action: 'alert_rule.delete' }));
    expect(Object.fromEntries(later.map((e) => [e.target, e.targetName]))).toEqual({
      'alert_rule:r1': 'Old rule',
      'alert_rule:never-named': null,
    });

    const updates = await listAudit(db, { action: 'project.update' });
    expect(updates.map((e) => e.target)).toEqual([`project:${shop.id}`]);
    const bob = await listAudit(db, { actor: 'user:bob@example.com' });
    expect(bob.map((e) => e.action)).toEqual(['project.delete']);
    expect(await listAudit(db, { action: 'project.update', actor: 'cli' })).toEqual([]);

    const facets = await auditFacets(db);
    expect(facets.actions).toEqual([
      'alert_rule.create',
      'alert_rule.delete',
      'key.create',
      'project.create',
      'project.delete',
      'project.update',
    ]);
    expect(new Set(facets.actors)).toEqual(new Set(['user:ann@example.com', 'user:bob@example.com', 'cli']));
  });
});
