/**
 * A user's own preferences through their route handlers, signed in on a real SQLite database:
 * reading them needs a session (a key is refused); changing them needs this site's Origin
 * (CSRF), takes only the known values (422 naming the problem otherwise, 413 past the size limit,
 * 415 for another content type), stores them for that user alone, and the layout's reading sees
 * the change.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { freshSqlite, type TestDatabase } from '../helpers/services';

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'preferences-password-1234';

type Handler = (req: Request) => Promise<Response>;

let database: TestDatabase;
let route: { GET: Handler; PATCH: Handler };
const users: Record<'ada' | 'bob', { id: string; cookie: string }> = {
  ada: { id: '', cookie: '' },
  bob: { id: '', cookie: '' },
};
let key: string;

function request(
  method: string,
  who: 'ada' | 'bob' | null,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  return new Request(`${ORIGIN}/api/v1/me/preferences`, {
    method,
    body: init.body,
    headers: {
      host: 'localhost:3000',
      ...(who ? { cookie: users[who].cookie } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json', origin: ORIGIN } : {}),
      ...init.headers,
    },
  });
}

const patch = (who: 'ada' | 'bob' | null, body: unknown, headers: Record<string, string> = {}) =>
  route.PATCH(request('PATCH', who, { body: typeof body === 'string' ? body : JSON.stringify(body), headers }));

async function stored(who: 'ada' | 'bob'): Promise<string> {
  const res = await route.GET(request('GET', who));
  expect(res.status).toBe(200);
  return ((await res.json()) as { preferences: { timeZone: string } }).preferences.timeZone;
}

beforeAll(async () => {
  database = freshSqlite();
  await migrate(parseDatabaseUrl(database.url));
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = '';
  process.env.PUBLIC_URL = ORIGIN;
  process.env.AUTH_SECRET = randomBytes(32).toString('hex');
  process.env.JOBS_ENABLED = 'false';
  process.env.SELF_MONITORING = 'false';
  const { getDb } = await import('@/lib/db');
  const { getAuth } = await import('@/lib/auth');
  const { createUser } = await import('@/lib/auth/users');
  const { createKey, createProject } = await import('@/lib/projects/store');
  route = await import('@/app/api/v1/me/preferences/route');
  for (const [who, role] of [
    ['ada', 'admin'],
    ['bob', 'viewer'],
  ] as const) {
    const email = `${who}@example.test`;
    users[who].id = (
      await createUser(getAuth(ORIGIN), getDb(), 'test', { email, name: who, password: PASSWORD, role })
    ).id;
    const signedIn = await getAuth(ORIGIN).api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
    users[who].cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  const project = await createProject(getDb(), 'test', { name: 'Shop' });
  ({ key } = await createKey(getDb(), 'test', { project: project.id, kind: 'admin', name: 'reader' }));
});

afterAll(async () => {
  const { getDb } = await import('@/lib/db');
  await getDb().$disconnect();
  await database?.drop();
});

describe('a user’s preferences', () => {
  it('start as UTC', async () => {
    expect(await stored('ada')).toBe('UTC');
    expect(await stored('bob')).toBe('UTC');
  });

  it('need a session: anonymous callers and keys get 401', async () => {
    expect((await route.GET(request('GET', null))).status).toBe(401);
    expect((await patch(null, { timeZone: 'browser' })).status).toBe(401);
    const withKey = await route.GET(request('GET', null, { headers: { 'x-api-key': key } }));
    expect(withKey.status).toBe(401);
    expect(((await withKey.json()) as { error: { message: string } }).error.message).toMatch(
      /API keys are not accepted/,
    );
    expect((await patch(null, { timeZone: 'browser' }, { 'x-api-key': key })).status).toBe(401);
  });

  it('refuse a change without this site’s Origin (CSRF), and store nothing', async () => {
    for (const origin of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:3001' },
    ]) {
      const res = await patch('ada', { timeZone: 'browser' }, origin);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/cross-site/);
    }
    const noOrigin = new Request(`${ORIGIN}/api/v1/me/preferences`, {
      method: 'PATCH',
      body: JSON.stringify({ timeZone: 'browser' }),
      headers: { host: 'localhost:3000', cookie: users.ada.cookie, 'content-type': 'application/json' },
    });
    expect((await route.PATCH(noOrigin)).status).toBe(403);
    expect(await stored('ada')).toBe('UTC');
  });

  it.each([
    ['an unknown value', { timeZone: 'local' }, /timeZone must be one of UTC, browser/],
    ['a zone name (not a preference)', { timeZone: 'Europe/Berlin' }, /timeZone must be one of/],
    ['another case', { timeZone: 'utc' }, /timeZone must be one of/],
    ['a number', { timeZone: 1 }, /timeZone must be one of/],
    ['an array', { timeZone: ['browser'] }, /timeZone must be one of/],
    ['null', { timeZone: null }, /timeZone must be one of/],
    ['nothing', {}, /timeZone/],
    ['an unknown field', { timeZone: 'UTC', role: 'admin' }, /role/],
    ['markup', { timeZone: '<script>alert(1)</script>' }, /timeZone must be one of/],
    ['a NUL', { timeZone: 'browser\u0000' }, /timeZone must be one of/],
    ['a list', [{ timeZone: 'browser' }], /expected object/],
    ['not JSON', '{"timeZone":', /JSON/i],
    ['a repeated key', '{"timeZone":"UTC","timeZone":"browser"}', /timeZone/],
  ])('refuse %s with a 4xx naming the problem', async (_what, body, message) => {
    const res = await patch('ada', body);
    expect([400, 422]).toContain(res.status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(await stored('ada')).toBe('UTC');
  });

  it('refuse an oversized body with 413 and another content type with 415', async () => {
    expect((await patch('ada', { timeZone: 'browser', pad: 'x'.repeat(5000) })).status).toBe(413);
    const text = await patch('ada', { timeZone: 'browser' }, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await stored('ada')).toBe('UTC');
  });

  it('store a change for that user alone, which the dashboard layout then reads', async () => {
    const res = await patch('ada', { timeZone: 'browser' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ preferences: { timeZone: 'browser' } });
    expect(await stored('ada')).toBe('browser');
    expect(await stored('bob')).toBe('UTC');
    const { userPreferences } = await import('@/lib/auth');
    expect(await userPreferences(users.ada.id)).toEqual({ timeZone: 'browser' });
    // Viewers change their own too.
    expect((await patch('bob', { timeZone: 'browser' })).status).toBe(200);
    expect((await patch('ada', { timeZone: 'UTC' })).status).toBe(200);
    expect(await stored('ada')).toBe('UTC');
    expect(await stored('bob')).toBe('browser');
  });

  it('read a stored value this version does not know as UTC', async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().user.update({ where: { id: users.bob.id }, data: { timeZone: 'Mars/Olympus_Mons' } });
    expect(await stored('bob')).toBe('UTC');
  });
});
