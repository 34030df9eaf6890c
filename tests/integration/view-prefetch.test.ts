/**
 * For every dashboard view, the server's prefetch and the browser's hook put the same value under
 * the same query key: the prefetch reads the demo data from a real SQLite database on the server
 * side (lib/queries/views.ts); the hook's own query (lib/views/fetch.ts, what `useViewData` runs)
 * goes through the view's real query route handler, authenticated with a read key, with `fetch`
 * handing the request to that handler instead of a network. A difference in key, in shape (a Date
 * where JSON has a string, an undefined property JSON drops) or in the numbers fails the test.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { loadDemo, type DemoSummary } from '@/lib/demo/load';
import { createKey } from '@/lib/projects/store';
import { readEndpoint, readEndpoints, readObservatory, readWebVitals } from '@/lib/queries/view-readers';
import { prefetchView } from '@/lib/queries/views';
import {
  endpointsView,
  endpointView,
  observatoryView,
  viewQuery,
  webVitalsView,
  type Fields,
  type ReadParams,
  type View,
} from '@/lib/views';
import { freshSqlite, type TestDatabase } from '../helpers/services';

// A fixed end makes the data and every range below the same on each run.
const NOW = Date.UTC(2026, 10, 24, 9, 0);
const HOUR = 3_600_000;

let database: TestDatabase;
let db: Db;
let demo: DemoSummary;
let key: string;

type Handler = (req: Request) => Promise<Response>;
const handlers: Record<string, () => Promise<{ GET: Handler }>> = {
  '/api/v1/query/observatory': () => import('@/app/api/v1/query/observatory/route'),
  '/api/v1/query/endpoints': () => import('@/app/api/v1/query/endpoints/route'),
  '/api/v1/query/endpoint': () => import('@/app/api/v1/query/endpoint/route'),
  '/api/v1/query/web-vitals': () => import('@/app/api/v1/query/web-vitals/route'),
};
const requested: string[] = [];

beforeAll(async () => {
  database = freshSqlite();
  const target = parseDatabaseUrl(database.url);
  await migrate(target);
  db = createDb(target);
  demo = await loadDemo(db, { days: 1, now: NOW, actor: 'test' });
  ({ key } = await createKey(db, 'test', { project: demo.project.id, kind: 'admin', name: 'views' }));
  // The route handlers open the process's database from the configuration, as in production.
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = '';
  process.env.SELF_MONITORING = 'false';
  // The clock stands still (timers still run): both sides resolve relative periods, and the
  // overview its "now", at the same moment, as a page and a fetch within one minute do.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW + 30_000 });
  // The browser's fetch of a same-origin path, handed to the route handler it names.
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    requested.push(`${url.pathname}${url.search}`);
    const load = handlers[url.pathname];
    if (!load) return new Response('not found', { status: 404 });
    const { GET } = await load();
    return GET(new Request(url, { method: init.method ?? 'GET', headers: { 'x-api-key': key } }));
  });
}, 240_000);

afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await db?.$disconnect();
  await database?.drop();
});

type AnyView = View<string, unknown, Fields, Fields>;
type Reader<D, F extends Fields> = (db: Db, projectId: string, p: ReadParams<F>) => Promise<D>;

/** The one cached entry of a query client: its key's hash and its value. */
function onlyEntry(client: QueryClient) {
  const all = client.getQueryCache().getAll();
  expect(all).toHaveLength(1);
  return { hash: all[0]!.queryHash, key: all[0]!.queryKey, data: all[0]!.state.data };
}

async function expectSame<D, F extends Fields, P extends Fields>(
  view: View<string, D, F, P>,
  read: Reader<D, F>,
  state: ReturnType<View<string, D, F, P>['parse']>,
): Promise<D> {
  const server = new QueryClient();
  await prefetchView(server, db, view, read, demo.project.id, state);
  const prefetched = onlyEntry(server);

  const browser = new QueryClient();
  const before = requested.length;
  await browser.fetchQuery(viewQuery(view, demo.project.id, state));
  expect(requested.length).toBe(before + 1);
  expect(requested.at(-1)!.startsWith(`${view.path}?`)).toBe(true);
  const fetched = onlyEntry(browser);

  expect(fetched.key).toEqual(prefetched.key);
  expect(fetched.hash).toBe(prefetched.hash);
  expect(fetched.data).not.toBeUndefined();
  // Strict: a Date against a string, or an undefined property against a missing one, differ.
  expect(fetched.data).toStrictEqual(prefetched.data);
  return fetched.data as D;
}

/** A custom period inside the demo's day. */
function custom<S extends { period: string; from: number | null; to: number | null }>(state: S, hours: number): S {
  return { ...state, period: 'custom', from: NOW - hours * HOUR, to: NOW - HOUR };
}

describe('the prefetch and the hook of each view', () => {
  it('agree for the Observatory view, with and without the period before', async () => {
    const base = observatoryView.parse(null);
    const data = await expectSame(observatoryView, readObservatory, base);
    expect(data.requests.value).toBeGreaterThan(0);
    await expectSame(observatoryView, readObservatory, { ...custom(base, 6), compare: true });
  });

  it('agree for the Endpoints view, unfiltered and by service and method', async () => {
    const base = endpointsView.parse(null);
    const all = await expectSame(endpointsView, readEndpoints, base);
    expect(all.endpoints.length).toBeGreaterThan(5);
    const filtered = endpointsView.parse({ service: 'shop-api', method: 'POST', sort: 'p95' });
    await expectSame(endpointsView, readEndpoints, { ...custom(filtered, 6), compare: true });
  });

  it('agree for one route', async () => {
    const state = endpointView.parse({ service: 'shop-api', method: 'POST', route: '/api/checkout' });
    const data = await expectSame(endpointView, readEndpoint, state);
    await expectSame(endpointView, readEndpoint, { ...custom(state, 12), compare: true });
    expect(data.summary.requests).toBeGreaterThan(0);
  });

  it('agree for the Web Vitals view at each filter', async () => {
    const base = webVitalsView.parse(null);
    const data = await expectSame(webVitalsView, readWebVitals, base);
    expect(data.vitals.some((v) => v.count > 0)).toBe(true);
    const narrowed = webVitalsView.parse({ percentile: 'p95', device: 'mobile', route: '/search' });
    await expectSame(webVitalsView, readWebVitals, { ...custom(narrowed, 12), compare: true });
  });

  it('key relative periods by name, so a page rendered in one minute and a fetch in the next share a key', () => {
    for (const view of [observatoryView, endpointsView, endpointView, webVitalsView] as unknown as AnyView[]) {
      const state = { ...view.parse(null), period: '7d' as const };
      const key = viewQuery(view, demo.project.id, state).queryKey;
      expect(key).toEqual(view.key(demo.project.id, state));
      expect(key[3]).toMatchObject({ period: '7d' });
    }
  });
});
