/**
 * Hostile and malformed input on every API that takes some: each gets a clear 4xx naming the
 * problem, nothing is stored, and the server stays healthy. Injection-looking text that is valid
 * (a name may contain quotes) is stored and returned verbatim.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { sameOrigin, storageState } from '../helpers/e2e';

type Case = {
  name: string;
  method: string;
  path: string;
  body?: string;
  type?: string;
  status: number;
  message?: RegExp;
};

const json = (value: unknown) => JSON.stringify(value);
const LONG = 'x'.repeat(10_000);

const CASES: Case[] = [
  // Projects
  {
    name: 'empty project name',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: '' }),
    status: 422,
    message: /name: project name must not be empty/,
  },
  {
    name: 'whitespace project name',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: '   ' }),
    status: 422,
    message: /must not be empty/,
  },
  {
    name: 'long project name',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: LONG }),
    status: 422,
    message: /at most 100/,
  },
  {
    name: 'control characters',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'a\u0000b\u001b[31m' }),
    status: 422,
    message: /control characters/,
  },
  {
    name: 'name as number',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 42 }),
    status: 422,
    message: /name/,
  },
  {
    name: 'name as object',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: { $gt: '' } }),
    status: 422,
    message: /name/,
  },
  {
    name: '__proto__ key',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name":"p","__proto__":{"isAdmin":true}}',
    status: 422,
    message: /__proto__/,
  },
  {
    name: 'unknown field',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', siteId: 'mine' }),
    status: 422,
    message: /siteId/,
  },
  {
    name: 'bad slug',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', slug: '../../etc' }),
    status: 422,
    message: /slug/,
  },
  {
    name: 'javascript origin',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', allowedOrigins: ['javascript:alert(1)'] }),
    status: 422,
    message: /allowedOrigins/,
  },
  {
    name: 'too many origins',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }),
    status: 422,
    message: /at most 50/,
  },
  {
    name: 'origins as string',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', allowedOrigins: 'https://a.example' }),
    status: 422,
    message: /allowedOrigins/,
  },
  {
    name: 'deep nesting',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    status: 422,
    message: /name/,
  },
  {
    name: 'not JSON',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name": "p"',
    status: 400,
    message: /not valid JSON/,
  },
  { name: 'JSON null', method: 'POST', path: '/api/v1/projects', body: 'null', status: 422 },
  { name: 'empty body', method: 'POST', path: '/api/v1/projects', body: '', status: 400, message: /empty/ },
  {
    name: 'wrong content type',
    method: 'POST',
    path: '/api/v1/projects',
    body: 'name=p',
    type: 'application/x-www-form-urlencoded',
    status: 415,
    message: /application\/json/,
  },
  {
    name: 'oversized body',
    method: 'POST',
    path: '/api/v1/projects',
    body: json({ name: 'p', pad: 'x'.repeat(100_000) }),
    status: 413,
    message: /exceeds/,
  },
  // Keys
  {
    name: 'unknown key kind',
    method: 'POST',
    path: '/api/v1/projects/{p}/keys',
    body: json({ kind: 'root', name: 'k' }),
    status: 422,
    message: /kind/,
  },
  {
    name: 'unknown scope',
    method: 'POST',
    path: '/api/v1/projects/{p}/keys',
    body: json({ kind: 'admin', name: 'k', scopes: ['users:manage'] }),
    status: 422,
    message: /scopes/,
  },
  {
    name: 'scopes on an ingest key',
    method: 'POST',
    path: '/api/v1/projects/{p}/keys',
    body: json({ kind: 'ingest', name: 'k', scopes: ['performance:read'] }),
    status: 422,
    message: /ingest keys have no scopes/,
  },
  {
    name: 'long key name',
    method: 'POST',
    path: '/api/v1/projects/{p}/keys',
    body: json({ kind: 'ingest', name: LONG }),
    status: 413,
  },
  // Shares
  {
    name: 'empty share name',
    method: 'POST',
    path: '/api/v1/projects/{p}/shares',
    body: json({ name: '' }),
    status: 422,
    message: /must not be empty/,
  },
  // Users
  {
    name: 'bad email',
    method: 'POST',
    path: '/api/v1/users',
    body: json({ email: 'a@', name: 'A', role: 'viewer' }),
    status: 422,
    message: /email/,
  },
  {
    name: 'script in email',
    method: 'POST',
    path: '/api/v1/users',
    body: json({ email: '<script>@x.co', name: 'A', role: 'viewer' }),
    status: 422,
    message: /email/,
  },
  {
    name: 'unknown role',
    method: 'POST',
    path: '/api/v1/users',
    body: json({ email: 'r@e2e.test', name: 'A', role: 'superuser' }),
    status: 422,
    message: /role/,
  },
  {
    name: 'short password',
    method: 'POST',
    path: '/api/v1/users',
    body: json({ email: 'r@e2e.test', name: 'A', role: 'viewer', password: 'short' }),
    status: 422,
    message: /at least 12/,
  },
  {
    name: 'long password',
    method: 'POST',
    path: '/api/v1/users',
    body: json({ email: 'r@e2e.test', name: 'A', role: 'viewer', password: 'p'.repeat(300) }),
    status: 422,
    message: /at most 256/,
  },
  {
    name: 'role escalation field',
    method: 'PATCH',
    path: '/api/v1/users/probe',
    body: json({ banned: false, emailVerified: true }),
    status: 422,
    message: /banned|emailVerified/,
  },
  // Audit
  { name: 'negative limit', method: 'GET', path: '/api/v1/audit?limit=-1', status: 422, message: /limit/ },
  {
    name: 'huge limit',
    method: 'GET',
    path: '/api/v1/audit?limit=99999999999999999999',
    status: 422,
    message: /limit/,
  },
  {
    name: 'injection in the page cursor',
    method: 'GET',
    path: "/api/v1/audit?after=x'%20OR%201=1",
    status: 422,
    message: /after must be/,
  },
  {
    name: 'injection in the action filter',
    method: 'GET',
    path: "/api/v1/audit?action=project.create'%20OR%201=1",
    status: 422,
    message: /action must be an action name/,
  },
  {
    name: 'oversized actor filter',
    method: 'GET',
    path: `/api/v1/audit?actor=${'a'.repeat(5000)}`,
    status: 422,
    message: /actor is too long/,
  },
  {
    name: 'control characters in the actor filter',
    method: 'GET',
    path: '/api/v1/audit?actor=user%3A%00%1B',
    status: 422,
    message: /actor must be printable/,
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    path: '/api/v1/audit?sql=DROP%20TABLE',
    status: 422,
    message: /sql/,
  },
  // Sign-in
  {
    name: 'sign-in without password',
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: json({ email: 'a@b.co' }),
    status: 422,
    message: /password/,
  },
  {
    name: 'sign-in with long email',
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: json({ email: LONG, password: 'x' }),
    status: 413,
  },
  {
    name: 'sign-in with array',
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: json([{ email: 'a@b.co', password: 'x' }]),
    status: 422,
  },
];

let admin: APIRequestContext;
/** This run's own project (desktop and mobile run side by side). */
let slug: string;

test.beforeAll(async ({ baseURL }, testInfo) => {
  admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  slug = `hostile-${testInfo.project.name}`;
  const res = await admin.post('/api/v1/projects', {
    headers: sameOrigin(baseURL!),
    data: { name: 'Hostile', slug },
  });
  expect([201, 409]).toContain(res.status());
});
test.afterAll(async () => admin.dispose());

test('every malformed or hostile request gets a clear 4xx and stores nothing', async ({ baseURL }) => {
  for (const c of CASES) {
    const res = await admin.fetch(c.path.replace('{p}', slug), {
      method: c.method,
      headers: {
        ...sameOrigin(baseURL!),
        ...(c.body !== undefined && { 'content-type': c.type ?? 'application/json' }),
      },
      // Raw bytes: Playwright would JSON-encode a string.
      data: c.body === undefined ? undefined : Buffer.from(c.body),
    });
    const text = await res.text();
    expect(res.status(), `${c.name}: ${text.slice(0, 200)}`).toBe(c.status);
    const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
    expect(error.message.length, c.name).toBeLessThan(2_000);
    if (c.message) expect(error.message, c.name).toMatch(c.message);
  }
  // Nothing was stored: no project "p", no user r@e2e.test, no key or link on this project.
  const projects = (await (await admin.get('/api/v1/projects')).json()).projects as { name: string }[];
  expect(projects.filter((p) => p.name === 'p' || p.name.length > 100)).toEqual([]);
  const users = (await (await admin.get('/api/v1/users')).json()).users as { email: string }[];
  expect(users.filter((u) => u.email === 'r@e2e.test')).toEqual([]);
  expect((await (await admin.get(`/api/v1/projects/${slug}/keys`)).json()).keys).toEqual([]);
  expect((await (await admin.get(`/api/v1/projects/${slug}/shares`)).json()).shares).toEqual([]);
  expect((await admin.get('/api/health')).status()).toBe(200);
});

test('valid but injection-looking and unicode names are stored verbatim', async ({ baseURL }) => {
  for (const name of [
    'Robert\'); DROP TABLE "Project";--',
    '<img src=x onerror=alert(1)>',
    'Überwachung 観測 🚀',
    '${jndi:ldap://x}',
  ]) {
    const res = await admin.patch(`/api/v1/projects/${slug}`, { headers: sameOrigin(baseURL!), data: { name } });
    expect(res.status(), name).toBe(200);
    expect((await (await admin.get(`/api/v1/projects/${slug}`)).json()).project.name).toBe(name);
  }
});
