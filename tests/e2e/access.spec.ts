/**
 * Who may call what, over HTTP against the production server: every route and page refuses
 * anonymous visitors unless it is on the public list; each role gets exactly its permissions;
 * keys reach only what their kind and scopes allow; cookie mutations need this site's Origin.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { roleCan, type Permission } from '../../lib/auth/permissions';
import { methodsOf, pageFiles, routeFiles, urlOf } from '../helpers/app-files';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';
import { PUBLIC_PAGES, PUBLIC_ROUTES } from '../helpers/public-routes';

const anonymous = { storageState: { cookies: [], origins: [] } };

test.describe('anonymous visitors', () => {
  test.use(anonymous);

  for (const file of routeFiles().filter((f) => !(f in PUBLIC_ROUTES))) {
    for (const method of methodsOf(file)) {
      test(`${method} ${urlOf(file)} answers 401`, async ({ request, baseURL }) => {
        const res = await request.fetch(urlOf(file), {
          method,
          headers: sameOrigin(baseURL!),
          data: method === 'GET' ? undefined : {},
        });
        expect(res.status()).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      });
    }
  }

  for (const file of pageFiles().filter((f) => !(f in PUBLIC_PAGES))) {
    test(`page ${urlOf(file)} sends them to sign in`, async ({ page }) => {
      await page.goto(urlOf(file));
      await expect(page).toHaveURL(/\/sign-in(\?next=.*)?$/);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    });
  }
});

type Probe = { method: string; path: string; permission: Permission | null; body?: unknown; ok: number };

/**
 * One request per route and method, built so that an allowed caller changes nothing: invalid
 * bodies (422) and unknown ids ("probe": 404). A refused caller gets 403 before any of that is
 * looked at.
 */
const PROBES: Probe[] = [
  { method: 'GET', path: '/api/auth/session', permission: null, ok: 200 },
  { method: 'GET', path: '/api/v1/whoami', permission: null, ok: 200 },
  { method: 'GET', path: '/api/v1/projects', permission: 'dashboards:read', ok: 200 },
  { method: 'POST', path: '/api/v1/projects', permission: 'projects:manage', body: {}, ok: 422 },
  { method: 'GET', path: '/api/v1/projects/probe', permission: 'dashboards:read', ok: 404 },
  { method: 'PATCH', path: '/api/v1/projects/probe', permission: 'projects:manage', body: { name: '' }, ok: 422 },
  { method: 'DELETE', path: '/api/v1/projects/probe', permission: 'projects:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/series', permission: 'dashboards:read', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/services', permission: 'dashboards:read', ok: 404 },
  { method: 'DELETE', path: '/api/v1/projects/probe/services/probe', permission: 'projects:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/goals', permission: 'dashboards:read', ok: 404 },
  { method: 'PUT', path: '/api/v1/projects/probe/goals', permission: 'projects:manage', body: {}, ok: 422 },
  { method: 'GET', path: '/api/v1/projects/probe/keys', permission: 'keys:manage', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/keys', permission: 'keys:manage', body: {}, ok: 422 },
  { method: 'DELETE', path: '/api/v1/projects/probe/keys/probe', permission: 'keys:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/shares', permission: 'shares:manage', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/shares', permission: 'shares:manage', body: {}, ok: 422 },
  { method: 'DELETE', path: '/api/v1/projects/probe/shares/probe', permission: 'shares:manage', ok: 404 },
  // Alerts: reading is dashboards:read, every change rules:manage.
  { method: 'GET', path: '/api/v1/projects/probe/alerts/rules', permission: 'dashboards:read', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/rules', permission: 'rules:manage', body: {}, ok: 422 },
  { method: 'GET', path: '/api/v1/projects/probe/alerts/rules/probe', permission: 'dashboards:read', ok: 404 },
  { method: 'PATCH', path: '/api/v1/projects/probe/alerts/rules/probe', permission: 'rules:manage', body: {}, ok: 422 },
  { method: 'DELETE', path: '/api/v1/projects/probe/alerts/rules/probe', permission: 'rules:manage', ok: 404 },
  {
    method: 'POST',
    path: '/api/v1/projects/probe/alerts/rules/probe/acknowledge',
    permission: 'rules:manage',
    ok: 404,
  },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/rules/probe/resolve', permission: 'rules:manage', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/preview', permission: 'dashboards:read', body: {}, ok: 422 },
  { method: 'GET', path: '/api/v1/projects/probe/alerts/channels', permission: 'dashboards:read', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/channels', permission: 'rules:manage', body: {}, ok: 422 },
  { method: 'GET', path: '/api/v1/projects/probe/alerts/channels/probe', permission: 'dashboards:read', ok: 404 },
  { method: 'DELETE', path: '/api/v1/projects/probe/alerts/channels/probe', permission: 'rules:manage', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/channels/probe/test', permission: 'rules:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/alerts/silences', permission: 'dashboards:read', ok: 404 },
  { method: 'POST', path: '/api/v1/projects/probe/alerts/silences', permission: 'rules:manage', body: {}, ok: 422 },
  { method: 'DELETE', path: '/api/v1/projects/probe/alerts/silences/probe', permission: 'rules:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/alerts/history', permission: 'dashboards:read', ok: 404 },
  // Deploy markers are read by every role; the optimizer is read by every role and changed with optimizer:manage.
  { method: 'GET', path: '/api/v1/projects/probe/deployments', permission: 'dashboards:read', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/recommendations', permission: 'dashboards:read', ok: 404 },
  {
    method: 'PATCH',
    path: '/api/v1/projects/probe/recommendations/probe',
    permission: 'optimizer:manage',
    body: {},
    ok: 422,
  },
  { method: 'POST', path: '/api/v1/projects/probe/recommendations/run', permission: 'optimizer:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/projects/probe/optimizer/thresholds', permission: 'dashboards:read', ok: 404 },
  {
    method: 'PUT',
    path: '/api/v1/projects/probe/optimizer/thresholds',
    permission: 'optimizer:manage',
    body: { errorRate: 5 },
    ok: 422,
  },
  { method: 'GET', path: '/api/v1/users', permission: 'users:manage', ok: 200 },
  { method: 'POST', path: '/api/v1/users', permission: 'users:manage', body: {}, ok: 422 },
  { method: 'PATCH', path: '/api/v1/users/probe', permission: 'users:manage', body: { role: 'owner' }, ok: 422 },
  { method: 'DELETE', path: '/api/v1/users/probe', permission: 'users:manage', ok: 404 },
  { method: 'GET', path: '/api/v1/audit', permission: 'audit:read', ok: 200 },
  { method: 'GET', path: '/api/v1/overview', permission: 'dashboards:read', ok: 200 },
  // Days out of range: refused before anything is written.
  { method: 'POST', path: '/api/v1/demo', permission: 'demo:load', body: { days: 0 }, ok: 422 },
  { method: 'GET', path: '/api/v1/demo', permission: 'demo:load', ok: 200 },
  { method: 'GET', path: '/api/v1/demo/live', permission: 'demo:load', ok: 200 },
  // Not a boolean: nothing changes.
  { method: 'PUT', path: '/api/v1/demo/live', permission: 'demo:load', body: { enabled: 'off' }, ok: 422 },
  // No project or metric: every role may read, so every role gets the validation error.
  { method: 'GET', path: '/api/v1/query/stats', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/timeseries', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/top', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/red', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/endpoints', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/endpoint', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/web-vitals', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/observatory', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/annotations', permission: 'dashboards:read', ok: 422 },
  { method: 'GET', path: '/api/v1/query/request', permission: 'dashboards:read', ok: 422 },
  // Every signed-in user reads and changes their own preferences; an invalid value changes nothing.
  { method: 'GET', path: '/api/v1/me/preferences', permission: null, ok: 200 },
  { method: 'PATCH', path: '/api/v1/me/preferences', permission: null, body: { timeZone: 'probe' }, ok: 422 },
  // No project: refused before a stream opens.
  { method: 'GET', path: '/api/v1/stream', permission: 'dashboards:read', ok: 422 },
];

/** Routes the matrix leaves out, with why. */
const NOT_PROBED: Record<string, string> = {
  // It would end the shared sessions the other suites use; tests/e2e/sign-in.spec.ts covers it.
  'POST /api/auth/sign-out': 'ends the session',
  // Project keys only (no role writes metrics): tests/e2e/ingest.spec.ts covers who may call them.
  'POST /api/v1/metrics': 'ingest keys only',
  'POST /api/v1/requests': 'ingest keys only',
  // tests/integration/deployments-*.test.ts covers who may call it.
  'POST /api/v1/deployments': 'ingest keys only',
  // Benchmark-only, a 404 unless OBSERVATORY_BENCH_ROUTES=true: tests/integration/bench-route.test.ts.
  'POST /api/bench/noop': 'ingest keys only, off outside benchmarks',
};

test('every authenticated route is in the role matrix', () => {
  const probed = new Set([...PROBES.map((p) => `${p.method} ${p.path}`), ...Object.keys(NOT_PROBED)]);
  for (const file of routeFiles().filter((f) => !(f in PUBLIC_ROUTES))) {
    for (const method of methodsOf(file)) expect(probed).toContain(`${method} ${urlOf(file)}`);
  }
});

for (const role of ['admin', 'member', 'viewer'] as const) {
  test(`the ${role} role gets exactly its permissions`, async ({ baseURL }) => {
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageState(role) });
    for (const probe of PROBES) {
      const res = await context.fetch(probe.path, {
        method: probe.method,
        headers: sameOrigin(baseURL!),
        data: probe.body,
      });
      const allowed = probe.permission === null || roleCan(role, probe.permission);
      expect(res.status(), `${role} ${probe.method} ${probe.path}: ${await res.text()}`).toBe(allowed ? probe.ok : 403);
    }
    await context.dispose();
  });
}

async function createKey(admin: APIRequestContext, baseURL: string, project: string, data: object) {
  const res = await admin.post(`/api/v1/projects/${project}/keys`, { headers: sameOrigin(baseURL), data });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { key: string; record: { id: string; prefix: string } };
  recordSecret(body.key);
  return body;
}

test.describe('project keys', () => {
  test.use(anonymous);

  test('reach only their own project and what their scopes allow; a revoked key is refused at once', async ({
    baseURL,
  }) => {
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
    const slug = `keys-${test.info().project.name}`;
    for (const s of [slug, `${slug}-other`]) {
      const res = await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL!), data: { name: s, slug: s } });
      expect([201, 409]).toContain(res.status());
    }
    const reader = await createKey(admin, baseURL!, slug, {
      kind: 'admin',
      name: 'reader',
      scopes: ['performance:read'],
    });
    const ingest = await createKey(admin, baseURL!, slug, { kind: 'ingest', name: 'web' });
    const keyed = (key: string) => ({ 'x-api-key': key });
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    const mine = await (await admin.get(`/api/v1/projects/${slug}`)).json();
    const whoami = await admin.get('/api/v1/whoami', { headers: keyed(reader.key) });
    expect(await whoami.json()).toMatchObject({ type: 'key', key: { kind: 'admin', projectId: mine.project.id } });
    expect((await admin.get('/api/v1/whoami', { headers: bearer(ingest.key) })).status()).toBe(200);

    const listed = await (await admin.get('/api/v1/projects', { headers: keyed(reader.key) })).json();
    expect(listed.projects.map((p: { slug: string }) => p.slug)).toEqual([slug]);
    expect((await admin.get(`/api/v1/projects/${slug}-other`, { headers: keyed(reader.key) })).status()).toBe(403);
    // An ingest key writes metrics; it reads nothing.
    expect((await admin.get('/api/v1/projects', { headers: keyed(ingest.key) })).status()).toBe(403);

    // Routes for people only: a key is no substitute for a session, even alongside no cookie.
    const anon = await playwrightRequest.newContext({ baseURL });
    const refused = await anon.post('/api/v1/projects', { headers: keyed(reader.key), data: { name: 'x' } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.message).toMatch(/API keys are not accepted/);

    // Keys of the right shape but unknown, and garbage, are refused the same way.
    for (const bad of ['obs_adm_' + 'A'.repeat(32), 'obs_ing_x', 'x'.repeat(5000), "' OR 1=1 --"]) {
      const res = await anon.get('/api/v1/whoami', { headers: keyed(bad) });
      expect(res.status(), bad.slice(0, 20)).toBe(401);
    }

    // Goals and services: a read key reads its own project's, changes nothing, reaches no other project.
    for (const what of ['goals', 'services']) {
      expect((await anon.get(`/api/v1/projects/${slug}/${what}`, { headers: keyed(reader.key) })).status()).toBe(200);
      expect((await anon.get(`/api/v1/projects/${slug}-other/${what}`, { headers: keyed(reader.key) })).status()).toBe(
        403,
      );
      expect((await anon.get(`/api/v1/projects/${slug}/${what}`, { headers: keyed(ingest.key) })).status()).toBe(403);
    }
    const keyedPut = await anon.put(`/api/v1/projects/${slug}/goals`, {
      headers: keyed(reader.key),
      data: { goals: { p95: { target: 1, critical: 2 } } },
    });
    expect(keyedPut.status()).toBe(401);
    expect((await (await admin.get(`/api/v1/projects/${slug}/goals`)).json()).goals.p95.target).toBe(500);

    const revoke = await admin.delete(`/api/v1/projects/${slug}/keys/${reader.record.id}`, {
      headers: sameOrigin(baseURL!),
    });
    expect(revoke.status()).toBe(200);
    const after = await anon.get('/api/v1/whoami', { headers: keyed(reader.key) });
    expect(after.status()).toBe(401);
    expect((await after.json()).error.message).toMatch(/revoked/);

    // Listing shows prefixes, never the keys themselves.
    const keys = await (await admin.get(`/api/v1/projects/${slug}/keys`)).text();
    expect(keys).toContain(reader.record.prefix);
    expect(keys).not.toContain(reader.key);
    expect(keys).not.toContain(ingest.key);
    await admin.dispose();
    await anon.dispose();
  });
});

test.describe('cross-site requests', () => {
  test('a cookie-authenticated mutation needs this site as its Origin', async ({ baseURL }) => {
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
    const data = { name: `csrf ${test.info().project.name}` };
    for (const origin of ['https://evil.example', 'null', `${baseURL}.evil.example`]) {
      const res = await admin.post('/api/v1/projects', { headers: { origin }, data });
      expect(res.status(), origin).toBe(403);
      expect((await res.json()).error.message).toMatch(/cross-site/);
    }
    expect((await admin.post('/api/v1/projects', { data })).status()).toBe(403);
    // Reads are not mutations; cross-origin pages cannot read the answers anyway (no CORS).
    expect((await admin.get('/api/v1/projects', { headers: { origin: 'https://evil.example' } })).status()).toBe(200);

    const names = (await (await admin.get('/api/v1/projects')).json()).projects.map((p: { name: string }) => p.name);
    expect(names).not.toContain(data.name);
    await admin.dispose();
  });

  test('sign-in and setup forms refuse other origins', async ({ baseURL }) => {
    const anon = await playwrightRequest.newContext({ baseURL, storageState: anonymous.storageState });
    const signIn = await anon.post('/api/auth/sign-in/email', {
      headers: { origin: 'https://evil.example' },
      data: { email: 'admin@e2e.test', password: 'whatever-it-is' },
    });
    expect(signIn.status()).toBe(403);
    const setup = await anon.post('/api/setup', {
      headers: { origin: 'https://evil.example' },
      data: { email: 'x@e2e.test', name: 'x', password: 'long enough password' },
    });
    expect(setup.status()).toBe(403);
    await anon.dispose();
  });
});
