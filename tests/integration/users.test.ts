import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import { createAuth, type Auth } from '@/lib/auth/auth';
import { countUsers, createUser } from '@/lib/auth/users';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const PASSWORD = 'correct horse battery staple';

describe.each(databaseProviders())('users and sign-in on %s', (_name, fresh) => {
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

  it('creates a user whose password is stored only as a hash, and audits it', async () => {
    expect(await countUsers(db)).toBe(0);
    const user = await createUser(auth, db, 'cli', {
      email: ' Ada@Example.com ',
      name: 'Ada',
      password: PASSWORD,
      role: 'admin',
    });
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', role: 'admin' });
    const account = await db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.providerId).toBe('credential');
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password?.length).toBeGreaterThan(64);
    expect((await listAudit(db)).map((e) => e.action)).toContain('user.create');
    expect(JSON.stringify(await listAudit(db))).not.toContain(PASSWORD);
  });

  it('signs in with the right password and gets a session', async () => {
    const res = await auth.api.signInEmail({ body: { email: 'ada@example.com', password: PASSWORD } });
    expect(res.user.email).toBe('ada@example.com');
    expect(res.token).toBeTruthy();
    expect(await db.session.count({ where: { userId: res.user.id } })).toBe(1);
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    await expect(
      auth.api.signInEmail({ body: { email: 'ada@example.com', password: 'wrong password!!' } }),
    ).rejects.toThrow(/Invalid email or password/);
    await expect(auth.api.signInEmail({ body: { email: 'nobody@example.com', password: PASSWORD } })).rejects.toThrow(
      /Invalid email or password/,
    );
  });

  it('has no public sign-up', async () => {
    await expect(
      auth.api.signUpEmail({ body: { email: 'eve@example.com', password: PASSWORD, name: 'Eve' } }),
    ).rejects.toThrow();
    expect(await db.user.count({ where: { email: 'eve@example.com' } })).toBe(0);
  });

  it.each([
    [{ email: 'not-an-email', name: 'x', password: PASSWORD, role: 'viewer' }, /email is not a valid address/],
    [{ email: `${'a'.repeat(250)}@x.io`, name: 'x', password: PASSWORD, role: 'viewer' }, /at most 254/],
    [{ email: 'b@example.com', name: '', password: PASSWORD, role: 'viewer' }, /name must not be empty/],
    [{ email: 'b@example.com', name: 'x\u0000y', password: PASSWORD, role: 'viewer' }, /control characters/],
    [{ email: 'b@example.com', name: 'Bob', password: 'short', role: 'viewer' }, /at least 12/],
    [{ email: 'b@example.com', name: 'Bob', password: 'p'.repeat(257), role: 'viewer' }, /at most 256/],
    [{ email: 'b@example.com', name: 'Bob', password: PASSWORD, role: 'root' }, /role/],
    [
      { email: "b@example.com' OR 1=1 --", name: 'Bob', password: PASSWORD, role: 'viewer' },
      /email is not a valid address/,
    ],
  ])('rejects %j with 422 and creates nothing', async (input, message) => {
    const before = await db.user.count();
    const err = await rejection(createUser(auth, db, 'cli', input));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
    expect(await db.user.count()).toBe(before);
  });

  it('refuses a second account with the same email (any case) with 409', async () => {
    const err = await rejection(
      createUser(auth, db, 'cli', { email: 'ADA@example.com', name: 'Other', password: PASSWORD, role: 'viewer' }),
    );
    expect(err.status).toBe(409);
  });

  it('accepts unicode names', async () => {
    const user = await createUser(auth, db, 'cli', {
      email: 'zoe@example.com',
      name: 'Zoë 山田 🚀',
      password: PASSWORD,
      role: 'member',
    });
    expect(user.name).toBe('Zoë 山田 🚀');
  });
});
