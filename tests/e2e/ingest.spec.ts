/**
 * Ingestion over HTTP against the production server: an ingest key writes, nothing else does;
 * hostile payloads get the right 4xx and store nothing; what was acknowledged is in the database.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';

test.use({ storageState: { cookies: [], origins: [] } });
// One project per browser project, counted before and after: its tests run in order, in one worker.
test.describe.configure({ mode: 'serial' });

let api: APIRequestContext;
let ingestKey: string;
let readKey: string;
let projectId: string;

function storedPoints(): number {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'observatory.db'), { readonly: true });
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS n FROM "Point" p JOIN "Series" s ON s.id = p.seriesId WHERE s.projectId = ?')
      .get(projectId) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

test.beforeAll(async ({ baseURL }, testInfo) => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const slug = `ingest-${testInfo.project.name}`;
  const created = await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL!), data: { name: slug, slug } });
  projectId = (await created.json()).project.id;
  const key = async (data: object) => {
    const res = await admin.post(`/api/v1/projects/${slug}/keys`, { headers: sameOrigin(baseURL!), data });
    const { key } = (await res.json()) as { key: string };
    recordSecret(key);
    return key;
  };
  ingestKey = await key({ kind: 'ingest', name: 'servers' });
  readKey = await key({ kind: 'admin', name: 'reader', scopes: ['performance:read'] });
  await admin.dispose();
  api = await playwrightRequest.newContext({ baseURL });
});
test.afterAll(async () => api.dispose());

const now = () => Date.now();
const points = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: 'checkout.duration',
    kind: 'distribution',
    unit: 'ms',
    value: 50 + (i % 200),
    ts: now() - i * 100,
    tags: { route: '/checkout', region: i % 2 ? 'eu' : 'us' },
  }));

test('an ingest key stores metrics and request records, answered only once committed', async () => {
  const before = storedPoints();
  const res = await api.post('/api/v1/metrics', {
    headers: { 'x-api-key': ingestKey },
    data: { points: points(1_000) },
  });
  expect(res.status(), await res.text()).toBe(202);
  expect(await res.json()).toEqual({ accepted: 1_000 });
  expect(res.headers()['ratelimit-limit']).toBeTruthy();
  expect(storedPoints() - before).toBe(1_000);

  const requests = Array.from({ length: 10 }, (_, i) => ({
    service: 'shop-api',
    route: `/orders/${1000 + i}`,
    method: 'get',
    status: i === 0 ? 503 : 200,
    durationMs: 20 + i,
    dbTimeMs: 5,
    cacheHit: i % 2 === 0,
    ts: new Date().toISOString(),
  }));
  const red = await api.post('/api/v1/requests', {
    headers: { authorization: `Bearer ${ingestKey}` },
    data: { requests },
  });
  expect(red.status(), await red.text()).toBe(202);
  expect(await red.json()).toEqual({ accepted: 10 });
  // Each record: duration, request count, DB time and a cache counter; plus one error.
  expect(storedPoints() - before).toBe(1_000 + 10 * 4 + 1);

  // Read back through the query API with an admin key of the same project.
  const range = `from=${now() - 3_600_000}&to=${now() + 60_000}`;
  const slug = `ingest-${test.info().project.name}`;
  const stats = await api.get(`/api/v1/query/stats?project=${slug}&metric=checkout.duration&${range}`, {
    headers: { 'x-api-key': readKey },
  });
  expect(stats.status(), await stats.text()).toBe(200);
  const { stats: s } = await stats.json();
  expect(s.count).toBe(1_000);
  expect(s.min).toBe(50);
  expect(s.max).toBe(249);
  const top = await api.get(
    `/api/v1/query/top?project=${slug}&metric=http.server.request.duration&by=route&order=count&${range}`,
    { headers: { 'x-api-key': readKey } },
  );
  // Raw paths were stored as their template.
  expect((await top.json()).top).toMatchObject([{ value: '/orders/[id]', count: 10 }]);
  const errors = await api.get(
    `/api/v1/query/stats?project=${slug}&metric=http.server.errors&tag.route=/orders/[id]&${range}`,
    { headers: { 'x-api-key': readKey } },
  );
  expect((await errors.json()).stats.sum).toBe(1);

  // Rate, errors and Apdex of the request records; a chart's series with only the stats it needs.
  const redStats = await api.get(`/api/v1/query/red?project=${slug}&tag.service=shop-api&apdexT=25&${range}`, {
    headers: { 'x-api-key': readKey },
  });
  expect(redStats.status(), await redStats.text()).toBe(200);
  expect((await redStats.json()).red).toMatchObject({
    requests: 10,
    errors: 1,
    errorRatio: 0.1,
    // Durations 20…29 ms: 20-25 satisfied but the 503 (20 ms) is frustrated; 26-29 tolerating.
    apdex: { t: 25, satisfied: 5, tolerating: 4, frustrated: 1, score: 0.7 },
  });
  const chart = await api.get(
    `/api/v1/query/timeseries?project=${slug}&metric=checkout.duration&step=5m&stats=count,p95&${range}`,
    { headers: { 'x-api-key': readKey } },
  );
  expect(chart.status(), await chart.text()).toBe(200);
  const body = (await chart.json()) as { step: number; points: Record<string, number>[] };
  expect(body.step).toBe(300_000);
  expect(Object.keys(body.points[0]!).sort()).toEqual(['count', 'p95', 't']);
  expect(body.points.reduce((n, p) => n + p.count!, 0)).toBe(1_000);
  const tooFine = await api.get(
    `/api/v1/query/timeseries?project=${slug}&metric=checkout.duration&step=1m&from=${now() - 2 * 86_400_000}`,
    {
      headers: { 'x-api-key': readKey },
    },
  );
  expect(tooFine.status()).toBe(422);
  expect((await tooFine.json()).error.message).toMatch(/step/);
});

test('only ingest keys write', async ({ baseURL }) => {
  const data = { points: points(1) };
  expect((await api.post('/api/v1/metrics', { data })).status()).toBe(401);
  expect((await api.post('/api/v1/metrics', { headers: { 'x-api-key': readKey }, data })).status()).toBe(403);
  expect(
    (
      await api.post('/api/v1/metrics', {
        headers: { 'x-api-key': `${ingestKey.slice(0, -1)}${ingestKey.endsWith('x') ? 'y' : 'x'}` },
        data,
      })
    ).status(),
  ).toBe(401);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  expect((await admin.post('/api/v1/metrics', { headers: sameOrigin(baseURL!), data })).status()).toBe(401);
  await admin.dispose();
});

test('malformed and hostile payloads get the right 4xx and store nothing', async () => {
  const before = storedPoints();
  const send = (body: string | Buffer, type = 'application/json') =>
    api.post('/api/v1/metrics', { headers: { 'x-api-key': ingestKey, 'content-type': type }, data: Buffer.from(body) });
  const cases: [string, string | Buffer, number, RegExp][] = [
    ['10 MB body', `{"points":[${'1,'.repeat(5 * 1024 * 1024)}1]}`, 413, /exceeds/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, /UTF-8/],
    ['not JSON', '{"points": [', 400, /not valid JSON/],
    ['NaN as a string', JSON.stringify({ points: [{ name: 'x', value: 'NaN' }] }), 422, /points\.0\.value/],
    ['far future', JSON.stringify({ points: [{ name: 'x', value: 1, ts: now() + 3_600_000 }] }), 422, /future/],
    ['too old', JSON.stringify({ points: [{ name: 'x', value: 1, ts: now() - 90 * 86_400_000 }] }), 422, /older than/],
    [
      '5,001 points',
      JSON.stringify({ points: Array.from({ length: 5001 }, () => ({ name: 'x', value: 1 })) }),
      422,
      /points/,
    ],
    ['__proto__ tag', '{"points":[{"name":"x","value":1,"tags":{"__proto__":"y"}}]}', 422, /__proto__/],
    ['SQL in a name', JSON.stringify({ points: [{ name: 'x\'; DROP TABLE "Point";--', value: 1 }] }), 422, /name/],
  ];
  for (const [label, body, status, message] of cases) {
    const res = await send(body);
    expect(res.status(), label).toBe(status);
    expect((await res.json()).error.message, label).toMatch(message);
  }
  expect((await send('points=1', 'text/plain')).status()).toBe(415);
  expect(storedPoints()).toBe(before);
  expect((await api.get('/api/health')).status()).toBe(200);
});
