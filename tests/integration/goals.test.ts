/**
 * Project goals on real databases: a project without overrides has the defaults; an override
 * changes that goal of that project only; null resets it; each change is audited with who and
 * what; rows a later version or a hand edit left behind fall back to the default; goals go with
 * their project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import type { Db } from '@/lib/db/client';
import { DEFAULT_GOALS, goalsFor, setGoals } from '@/lib/goals';
import { createProject, deleteProject } from '@/lib/projects/store';
import { migratedDb } from '../helpers/db';
import { databaseProviders, type TestDatabase } from '../helpers/services';

describe.each(databaseProviders())('project goals on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ database, db } = await migratedDb(fresh));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('are the defaults until the project sets its own, goal by goal and project by project', async () => {
    const project = (await createProject(db, 'test', { name: 'Goals' })).id;
    const other = (await createProject(db, 'test', { name: 'Goals other' })).id;
    expect(await goalsFor(db, project)).toEqual(DEFAULT_GOALS);

    const after = await setGoals(db, 'user:admin@x', project, {
      p95: { target: 350, critical: 700.5 },
      throughput: { target: 20, critical: 5 },
    });
    expect(after.p95).toMatchObject({
      target: 350,
      critical: 700.5,
      custom: true,
      defaults: { target: 500, critical: 1000 },
    });
    expect(after.throughput).toMatchObject({ target: 20, critical: 5, custom: true, direction: 'at_least' });
    expect(after.p50).toEqual(DEFAULT_GOALS.p50);
    expect(await goalsFor(db, project)).toEqual(after);
    expect(await goalsFor(db, other)).toEqual(DEFAULT_GOALS);

    // Setting again replaces; null resets; goals not named keep their levels.
    await setGoals(db, 'user:admin@x', project, { p95: { target: 300, critical: 600 } });
    const reset = await setGoals(db, 'user:other@x', project, { throughput: null, cpu: null });
    expect(reset.throughput).toEqual(DEFAULT_GOALS.throughput);
    expect(reset.cpu).toEqual(DEFAULT_GOALS.cpu);
    expect(reset.p95).toMatchObject({ target: 300, critical: 600, custom: true });
    expect(await db.projectGoal.count({ where: { projectId: project } })).toBe(1);
  });

  it('records every change in the audit log with who and what', async () => {
    const project = (await createProject(db, 'test', { name: 'Audited goals' })).id;
    await setGoals(db, 'user:admin@x', project, { errorRate: { target: 0.5, critical: 2 } });
    await setGoals(db, 'user:other@x', project, { errorRate: null, p99: { target: 800, critical: 1500 } });
    const events = (await listAudit(db, { projectId: project })).filter((e) => e.action === 'goals.update');
    expect(events.map((e) => [e.actor, e.target, e.details])).toEqual([
      ['user:other@x', `project:${project}`, { errorRate: 'default', p99: 'target 800 ms, critical 1,500 ms' }],
      ['user:admin@x', `project:${project}`, { errorRate: 'target 0.5%, critical 2%' }],
    ]);
  });

  it('falls back to the default for rows this version cannot use', async () => {
    const project = (await createProject(db, 'test', { name: 'Odd rows' })).id;
    await db.projectGoal.createMany({
      data: [
        { projectId: project, goal: 'apdex', target: 0.9, critical: 0.7, updatedBy: 'future' },
        { projectId: project, goal: 'p50', target: 300, critical: 100, updatedBy: 'hand edit' },
        { projectId: project, goal: 'cpu', target: 70, critical: 250, updatedBy: 'hand edit' },
        { projectId: project, goal: 'memory', target: 60, critical: 75, updatedBy: 'ok' },
      ],
    });
    const goals = await goalsFor(db, project);
    expect(Object.keys(goals)).not.toContain('apdex');
    expect(goals.p50).toEqual(DEFAULT_GOALS.p50);
    expect(goals.cpu).toEqual(DEFAULT_GOALS.cpu);
    expect(goals.memory).toMatchObject({ target: 60, critical: 75, custom: true });
  });

  it('are deleted with their project', async () => {
    const project = await createProject(db, 'test', { name: 'Doomed goals' });
    await setGoals(db, 'test', project.id, { p50: { target: 50, critical: 80 } });
    await deleteProject(db, 'test', project.slug);
    expect(await db.projectGoal.count({ where: { projectId: project.id } })).toBe(0);
  });
});
