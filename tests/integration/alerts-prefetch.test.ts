/**
 * The alerts page's server prefetch against the browser's own queries: for the projects and a
 * project's rules, channels, silences and history, the value prefetched under each hook's key
 * is exactly what the hook's query function gets from the real route handler (signed in, on a
 * real SQLite database). A prefetch under another key, or with another shape (dates as Date
 * objects, a wrapper object), would render the page with data the hooks then replace.
 */
import { randomBytes } from 'node:crypto';
import { dehydrate, QueryClient, type QueryKey } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { freshSqlite, type TestDatabase } from '../helpers/services';

const ORIGIN = 'http://localhost:3000';
const ADMIN = { email: 'prefetch@example.test', name: 'Prefetch Admin', password: 'prefetch-password-1234' };

let database: TestDatabase;
let cookie: string;
let projectId: string;

/** The route modules the hooks reach, by path: the app's own handlers, called as Next.js calls them. */
async function handle(url: URL, init: RequestInit | undefined): Promise<Response> {
  const request = new Request(url, { ...init, headers: { ...init?.headers, cookie, host: url.host } });
  if (url.pathname === '/api/v1/projects') return (await import('@/app/api/v1/projects/route')).GET(request);
  const match = /^\/api\/v1\/projects\/([^/]+)\/alerts\/(rules|channels|silences|history)$/.exec(url.pathname);
  if (!match) return Response.json({ error: { code: 'not_found', message: url.pathname } }, { status: 404 });
  const params = { params: Promise.resolve({ id: decodeURIComponent(match[1]!) }) };
  const modules = {
    rules: () => import('@/app/api/v1/projects/[id]/alerts/rules/route'),
    channels: () => import('@/app/api/v1/projects/[id]/alerts/channels/route'),
    silences: () => import('@/app/api/v1/projects/[id]/alerts/silences/route'),
    history: () => import('@/app/api/v1/projects/[id]/alerts/history/route'),
  };
  return (await modules[match[2] as keyof typeof modules]()).GET(request, params);
}

beforeAll(async () => {
  database = freshSqlite();
  await migrate(parseDatabaseUrl(database.url));
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = '';
  process.env.PUBLIC_URL = ORIGIN;
  process.env.AUTH_SECRET = randomBytes(32).toString('hex');
  process.env.JOBS_ENABLED = 'false';

  const { getDb } = await import('@/lib/db');
  const { getAuth } = await import('@/lib/auth');
  const { createUser } = await import('@/lib/auth/users');
  const { createProject } = await import('@/lib/projects/store');
  const { createChannel, createRule, createSilence } = await import('@/lib/alerts/store');
  const { EMPTY_ALLOW_LIST } = await import('@/lib/outbound');
  const { newRule } = await import('@/lib/alerts/rules');
  const db = getDb();

  await createUser(getAuth(ORIGIN), db, 'test', { ...ADMIN, role: 'admin' });
  const signedIn = await getAuth(ORIGIN).api.signInEmail({ body: ADMIN, asResponse: true });
  cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  // Two projects: the page shows the first by name unless the address names another.
  await createProject(db, 'test', { name: 'Alpha shop', slug: 'alpha' });
  const project = await createProject(db, 'test', { name: 'Beta shop', slug: 'beta' });
  projectId = project.id;
  const channel = await createChannel(
    db,
    'test',
    projectId,
    { type: 'email', name: 'On call', to: ['oncall@example.test'] },
    EMPTY_ALLOW_LIST,
  );
  const rule = await createRule(
    db,
    'test',
    projectId,
    newRule.parse({ name: 'Slow checkout', severity: 'high', statistic: 'p95', channels: [channel.id] }),
  );
  await createSilence(db, 'test', projectId, {
    ruleId: rule.id,
    matchers: [],
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    comment: 'deploy',
  });
  await db.alertEvent.create({ data: { projectId, ruleId: rule.id, kind: 'firing', value: 2400.5 } });

  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => handle(new URL(input, ORIGIN), init));
});

afterAll(async () => {
  vi.unstubAllGlobals();
  const { getDb } = await import('@/lib/db');
  await getDb().$disconnect();
  await database.drop();
});

describe('the alerts page prefetch', () => {
  it('holds, under each hook key, exactly what the hook reads from the API', async () => {
    const { prefetchAlertsPage } = await import('@/lib/alerts/page-data');
    const { alertQueries } = await import('@/lib/hooks/useAlerts');
    const { projectsQuery } = await import('@/lib/hooks/useProjects');

    const server = new QueryClient();
    expect(await prefetchAlertsPage(server, 'beta')).toBe(projectId);

    const browser = new QueryClient();
    const reads: [QueryKey, () => Promise<unknown>][] = [
      [projectsQuery().queryKey, () => browser.fetchQuery(projectsQuery())],
      [alertQueries.rules(projectId).queryKey, () => browser.fetchQuery(alertQueries.rules(projectId))],
      [alertQueries.channels(projectId).queryKey, () => browser.fetchQuery(alertQueries.channels(projectId))],
      [alertQueries.silences(projectId).queryKey, () => browser.fetchQuery(alertQueries.silences(projectId))],
      [alertQueries.history(projectId).queryKey, () => browser.fetchQuery(alertQueries.history(projectId))],
    ];
    for (const [key, read] of reads) {
      expect(server.getQueryData(key), JSON.stringify(key)).toStrictEqual(await read());
    }
    const keys = reads.map(([key]) => JSON.stringify(key));
    // Nothing prefetched under a key no hook reads.
    const prefetched = dehydrate(server).queries.map((q) => JSON.stringify(q.queryKey));
    expect(prefetched.sort()).toEqual(keys.sort());

    // Non-empty lists, so the comparison above covered real rows (dates included).
    const rules = server.getQueryData(alertQueries.rules(projectId).queryKey);
    expect(rules?.find((r) => r.name === 'Slow checkout')).toMatchObject({ statistic: 'p95', severity: 'high' });
    expect(server.getQueryData(alertQueries.channels(projectId).queryKey)).toHaveLength(1);
    expect(server.getQueryData(alertQueries.silences(projectId).queryKey)?.[0]?.endsAt).toEqual(expect.any(String));
    expect(server.getQueryData(alertQueries.history(projectId).queryKey)?.[0]).toMatchObject({ value: 2400.5 });
  });

  it('shows the first project when the address names none or an unknown one', async () => {
    const { prefetchAlertsPage } = await import('@/lib/alerts/page-data');
    const { getDb } = await import('@/lib/db');
    const alpha = await getDb().project.findUniqueOrThrow({ where: { slug: 'alpha' } });
    expect(await prefetchAlertsPage(new QueryClient(), null)).toBe(alpha.id);
    expect(await prefetchAlertsPage(new QueryClient(), '../../etc/passwd\u0000')).toBe(alpha.id);
    expect(await prefetchAlertsPage(new QueryClient(), projectId)).toBe(projectId);
  });
});
