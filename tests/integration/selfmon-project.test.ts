/**
 * The built-in Observatory project on each database: instances starting at once (separate
 * processes) make exactly one; a user's project holding the slug pushes it to the
 * next one; its origins are merged, never replaced; it cannot be deleted.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { createProject, deleteProject, listProjects, updateProject, type ProjectView } from '@/lib/projects/store';
import { ensureSelfProject, SELF_PROJECT_ID } from '@/lib/projects/self';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const run = promisify(execFile);

/** Processes starting at once, as instances of one deployment do, each making sure the project exists. */
async function instancesStarting(url: string, count: number): Promise<ProjectView[]> {
  const script = path.join(ROOT, 'tests', 'helpers', 'ensure-self-project.ts');
  const outputs = await Promise.all(
    Array.from({ length: count }, () => run(process.execPath, [TSX, script, url], { cwd: ROOT })),
  );
  return outputs.map((o) => JSON.parse(o.stdout) as ProjectView);
}

describe.each(databaseProviders())('the built-in project on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('is made once by instances starting at once, after a user took its slug', async () => {
    await createProject(db, 'cli', { name: 'Observatory', slug: 'observatory' });
    const made = await instancesStarting(database.url, 4);
    expect(new Set(made.map((p) => p.siteId)).size).toBe(1);
    expect(made[0]).toMatchObject({
      id: SELF_PROJECT_ID,
      slug: 'observatory-self',
      name: 'Observatory',
      builtIn: true,
      allowedOrigins: ['https://obs.example'],
    });
    const projects = await listProjects(db);
    expect(projects.filter((p) => p.builtIn).map((p) => p.slug)).toEqual(['observatory-self']);
    expect(projects.find((p) => p.slug === 'observatory')?.builtIn).toBe(false);
    const created = (await listAudit(db, { projectId: SELF_PROJECT_ID })).filter((e) => e.action === 'project.create');
    expect(created).toHaveLength(1);
    expect(created[0]!.actor).toBe('system');
  });

  it('merges origins into those an admin set, and keeps its site id', async () => {
    const before = await ensureSelfProject(db);
    await updateProject(db, 'cli', SELF_PROJECT_ID, { allowedOrigins: ['https://admin.example'] });
    const after = await ensureSelfProject(db, ['https://obs.example', 'https://admin.example']);
    expect(after.allowedOrigins).toEqual(['https://admin.example', 'https://obs.example']);
    expect(after.siteId).toBe(before.siteId);
  });

  it('cannot be deleted, by slug or by id; other projects can', async () => {
    for (const ref of ['observatory-self', SELF_PROJECT_ID]) {
      const err = await rejection(deleteProject(db, 'cli', ref));
      expect(err).toMatchObject({ status: 409, message: expect.stringMatching(/cannot be deleted/) });
    }
    await deleteProject(db, 'cli', 'observatory');
    expect((await listProjects(db)).map((p) => p.id)).toEqual([SELF_PROJECT_ID]);
  });
});
