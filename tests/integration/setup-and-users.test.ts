/**
 * The first admin (setup page and ADMIN_EMAIL), user administration's guards, and share links,
 * on every database provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import { createAuth, type Auth } from '@/lib/auth/auth';
import { bootstrapAdmin, completeSetup, setupOpen } from '@/lib/auth/setup';
import { deleteUser, listUsers, updateUser } from '@/lib/auth/users';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { createProject } from '@/lib/projects/store';
import { createShare, listShares, resolveShare, revokeShare } from '@/lib/shares/store';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const PASSWORD = 'correct horse battery staple';

describe.each(databaseProviders())('setup, users and share links on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let auth: Auth;
  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    auth = createAuth(db, { provider: target.provider, secret: 'x'.repeat(48), baseURL: 'http://localhost:3000' });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('refuses bad setup input and stores nothing', async () => {
    for (const input of [
      {},
      { email: 'a@b.co', name: 'A', password: 'short' },
      { email: 'not-an-email', name: 'A', password: PASSWORD },
      { email: 'a@b.co', name: '\u0000bell\u0007', password: PASSWORD },
      { email: `${'a'.repeat(300)}@b.co`, name: 'A', password: PASSWORD },
      { email: 'a@b.co', name: 'A', password: 'p'.repeat(257) },
      { email: ['a@b.co'], name: 'A', password: PASSWORD },
    ]) {
      expect((await rejection(completeSetup(auth, db, 'setup', input))).status).toBe(422);
    }
    expect(await setupOpen(db)).toBe(true);
    expect(await db.instanceSetting.count()).toBe(0);
  });

  it('creates exactly one first admin when setups race', async () => {
    const attempts = await Promise.allSettled(
      ['one', 'two', 'three', 'four'].map((n) =>
        completeSetup(auth, db, 'setup', { email: `${n}@example.com`, name: n, password: PASSWORD }),
      ),
    );
    const created = attempts.filter((a) => a.status === 'fulfilled');
    expect(created).toHaveLength(1);
    for (const a of attempts.filter((x) => x.status === 'rejected')) {
      expect((a as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'setup_complete' });
    }
    const users = await listUsers(db);
    expect(users).toHaveLength(1);
    expect(users[0]!.role).toBe('admin');
    expect(await setupOpen(db)).toBe(false);
  });

  it('ignores ADMIN_EMAIL/ADMIN_PASSWORD once a user exists', async () => {
    expect(await bootstrapAdmin(auth, db, { email: 'late@example.com', password: PASSWORD })).toBeNull();
    expect(await db.user.count({ where: { email: 'late@example.com' } })).toBe(0);
  });

  it('keeps at least one admin and never lets an admin remove themselves', async () => {
    const [admin] = await listUsers(db);
    const demote = await rejection(updateUser(db, 'user:x', admin!.id, { role: 'viewer' }));
    expect(demote).toMatchObject({ status: 422 });
    expect(demote.message).toMatch(/last admin/);
    expect((await rejection(deleteUser(db, 'user:x', null, admin!.id))).message).toMatch(/last admin/);
    expect((await rejection(deleteUser(db, 'user:x', admin!.id, admin!.id))).message).toMatch(/yourself/);

    const second = await auth.api.createUser({
      body: { email: 'second@example.com', name: 'S', password: PASSWORD, role: 'admin' },
    });
    // With another admin, the first may step down, and the second may remove them.
    expect((await updateUser(db, 'user:x', admin!.id, { role: 'member' })).role).toBe('member');
    await deleteUser(db, 'user:second@example.com', second.user.id, admin!.id);
    expect((await listUsers(db)).map((u) => u.email)).toEqual(['second@example.com']);
    expect((await rejection(updateUser(db, 'user:x', second.user.id, { role: 'owner' }))).status).toBe(422);
    expect((await rejection(updateUser(db, 'user:x', second.user.id, { isAdmin: true }))).status).toBe(422);
    expect((await rejection(updateUser(db, 'user:x', 'no-such-user', { name: 'x' }))).status).toBe(404);
    const actions = (await listAudit(db)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.update', 'user.delete']));
  });

  it('sets HttpOnly, SameSite=Lax session cookies, Secure with a __Secure- name on https origins', async () => {
    const body = { email: 'second@example.com', password: PASSWORD };
    const plain = await auth.api.signInEmail({ body, asResponse: true });
    const [cookie] = plain.headers.getSetCookie();
    expect(cookie).toMatch(/^observatory\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const target = parseDatabaseUrl(database.url);
    const https = createAuth(db, { provider: target.provider, secret: 'x'.repeat(48), baseURL: 'https://obs.example' });
    const [secure] = (await https.api.signInEmail({ body, asResponse: true })).headers.getSetCookie();
    expect(secure).toMatch(/^__Secure-observatory\.session_token=/);
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/HttpOnly/i);
  });

  it('pages through the audit log without skipping or repeating events of the same millisecond', async () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 7; i++) await db.auditEvent.create({ data: { actor: 'test', action: `tie.${i}`, at } });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listAudit(db, { limit: 3, after });
      seen.push(...page.map((e) => e.id));
      if (page.length < 3) break;
      after = page.at(-1)!.id;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await db.auditEvent.count());
    expect(await listAudit(db, { after: 'no-such-event' })).toEqual([]);
  });

  it('opens a project with a share token until it is revoked, storing only its hash', async () => {
    const project = await createProject(db, 'cli', { name: 'Shared shop' });
    const { token, share } = await createShare(db, 'cli', project.slug, { name: 'TV' });
    expect(token).toMatch(/^obs_shr_[0-9A-Za-z]{32}$/);
    expect(JSON.stringify(await db.shareLink.findMany())).not.toContain(token);
    expect((await resolveShare(db, token))?.project.id).toBe(project.id);
    expect((await listShares(db, project.id))[0]!.lastUsedAt).not.toBeNull();

    for (const bad of ['', 'obs_shr_', token.slice(0, -1), `${token}x`, token.replace('obs_shr_', 'obs_adm_')]) {
      expect(await resolveShare(db, bad)).toBeNull();
    }
    for (const name of ['', ' ', 'x'.repeat(101), 'tab\there', 42, null]) {
      expect((await rejection(createShare(db, 'cli', project.id, { name }))).status).toBe(422);
    }
    const other = await createProject(db, 'cli', { name: 'Other shop' });
    expect((await rejection(revokeShare(db, 'cli', other.id, share.id))).status).toBe(404);

    await revokeShare(db, 'cli', project.id, share.id);
    expect(await resolveShare(db, token)).toBeNull();
    expect((await listAudit(db, { projectId: project.id })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['share.create', 'share.revoke']),
    );
  });
});
