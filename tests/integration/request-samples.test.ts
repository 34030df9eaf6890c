/**
 * Requests kept whole, end to end over real HTTP to the production server, on each database:
 * POST /api/v1/requests keeps the slowest and failed requests (exact status, raw path without its
 * query, DB time, cache, sizes, instance), the route's query lists them, and
 * GET /api/v1/query/request opens one with its route's numbers around it. A key of another project
 * cannot read them, and malformed, oversized and hostile ids and projects get a 4xx naming the
 * parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, type TestDatabase } from '../helpers/services';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

type Row = { id: number; ts: number; path: string; status: number; durationMs: number; instance: string | null };

describe.each(databaseProviders())('request samples on %s', (_name, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  const keys = { ingest: '', read: '', otherIngest: '', otherRead: '' };
  // A minute boundary an hour ago: within every retention.
  const minute = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;

  const post = (key: string, requests: unknown[]) =>
    fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ requests }),
    });
  const get = (path: string, key = keys.read) => fetch(`${server.url}${path}`, { headers: { 'x-api-key': key } });
  const endpoint = async () => {
    const q = new URLSearchParams({
      project: 'shop',
      service: 'api',
      method: 'GET',
      route: '/orders/[id]',
      from: String(minute - 60_000),
      to: String(minute + 5 * 60_000),
    });
    const res = await get(`/api/v1/query/endpoint?${q}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { endpoint: { slowest: Row[]; failed: Row[] } }).endpoint;
  };

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    for (const slug of ['shop', 'other']) {
      cli(server.env, ['project', 'create', '--name', slug === 'shop' ? 'Shop' : 'Other', '--slug', slug]);
    }
    const key = (project: string, ...args: string[]) =>
      cli<{ key: string }>(server.env, ['key', 'create', project, ...args]).key;
    keys.ingest = key('shop', '--kind', 'ingest', '--name', 'api');
    keys.read = key('shop', '--kind', 'admin', '--name', 'reader', '--scope', 'performance:read');
    keys.otherIngest = key('other', '--kind', 'ingest', '--name', 'api');
    keys.otherRead = key('other', '--kind', 'admin', '--name', 'reader', '--scope', 'performance:read');
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('keeps the slowest and failed requests whole, with the raw path but never its query', async () => {
    const base = { service: 'api', method: 'GET', route: '/orders/[id]' };
    const res = await post(keys.ingest, [
      { ...base, path: '/orders/1?token=secret#frag', status: 200, durationMs: 40, ts: minute + 1_000 },
      { ...base, path: '/orders/2', status: 200, durationMs: 20, ts: minute + 2_000 },
      { ...base, path: '/orders/4', status: 200, durationMs: 900, instance: 'api-1', ts: minute + 2_500 },
      {
        ...base,
        path: '/orders/3',
        status: 504,
        durationMs: 3_000,
        dbTimeMs: 2_900,
        dbQueries: 12,
        cacheHit: false,
        requestBytes: 100,
        responseBytes: 2_048,
        instance: 'api-2',
        ts: minute + 3_000,
      },
      // Not slower than the 3-second failure before it in this minute: not kept.
      { ...base, path: '/orders/6', status: 200, durationMs: 100, ts: minute + 4_000 },
      // No path: the route as sent is the path; its query goes too.
      {
        service: 'api',
        method: 'GET',
        route: '/orders/5?email=a@example.com',
        status: 404,
        durationMs: 5,
        ts: minute + 60_000,
      },
    ]);
    expect(res.status, await res.clone().text()).toBe(202);
    const { slowest, failed } = await endpoint();
    expect(slowest.map((r) => [r.path, r.status, r.durationMs, r.instance])).toEqual([
      ['/orders/3', 504, 3_000, 'api-2'],
      ['/orders/4', 200, 900, 'api-1'],
      ['/orders/1', 200, 40, null],
      ['/orders/5', 404, 5, null],
    ]);
    expect(failed.map((r) => [r.path, r.status])).toEqual([['/orders/3', 504]]);
    const all = JSON.stringify(slowest);
    expect(all).not.toContain('secret');
    expect(all).not.toContain('example.com');
  });

  it('opens one request with everything kept and its route around it', async () => {
    const [first] = (await endpoint()).failed;
    const res = await get(`/api/v1/query/request?project=shop&id=${first!.id}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { request } = (await res.json()) as {
      request: { request: Record<string, unknown>; around: { requests: number; p95: number; range: { from: number } } };
    };
    expect(request.request).toEqual({
      id: first!.id,
      ts: minute + 3_000,
      service: 'api',
      method: 'GET',
      route: '/orders/[id]',
      path: '/orders/3',
      status: 504,
      durationMs: 3_000,
      dbTimeMs: 2_900,
      dbQueries: 12,
      cache: 'miss',
      requestBytes: 100,
      responseBytes: 2_048,
      instance: 'api-2',
      reason: 'error',
    });
    // The five requests of the route in the hour around it, from the rollups.
    // The route's six requests in the hour around it, from the rollups (p95 by nearest rank: 900 ms).
    expect(request.around.requests).toBe(6);
    expect(request.around.range.from).toBe(minute - 30 * 60_000);
    expect(Math.abs(request.around.p95 - 900) / 900).toBeLessThanOrEqual(0.01);
  });

  it("shows a project's requests to that project only", async () => {
    const [first] = (await endpoint()).slowest;
    // Another project's key: refused for this project; its own project has no such request.
    expect((await get(`/api/v1/query/request?project=shop&id=${first!.id}`, keys.otherRead)).status).toBe(403);
    const res = await get(`/api/v1/query/request?project=other&id=${first!.id}`, keys.otherRead);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/no such request in this project/);
    expect((await fetch(`${server.url}/api/v1/query/request?project=shop&id=${first!.id}`)).status).toBe(401);
    // The other project's traffic never shows on this one's route.
    const sent = await post(keys.otherIngest, [
      {
        service: 'api',
        method: 'GET',
        route: '/orders/[id]',
        path: '/orders/99',
        status: 500,
        durationMs: 9_999,
        ts: minute + 5_000,
      },
    ]);
    expect(sent.status).toBe(202);
    expect((await endpoint()).slowest.map((r) => r.path)).not.toContain('/orders/99');
  });

  it('answers malformed, oversized and hostile parameters with 4xx naming them, and stays up', async () => {
    const cases: [string, number, RegExp][] = [
      ['project=shop', 422, /id/],
      ['project=shop&id=0', 422, /id must be a request number/],
      ['project=shop&id=-1', 422, /id must be a request number/],
      ['project=shop&id=1e3', 422, /id must be a request number/],
      ['project=shop&id=1.5', 422, /id must be a request number/],
      ['project=shop&id=abc', 422, /id must be a request number/],
      ['project=shop&id=99999999999999999', 422, /id/],
      ['project=shop&id=1&id=2', 422, /id must be given once/],
      [`project=shop&id=${'9'.repeat(5_000)}`, 422, /id/],
      ['project=shop&id=1%27%20OR%201%3D1', 422, /id must be a request number/],
      ['project=%3Cscript%3E&id=1', 422, /project must be a project slug or id/],
      ['id=1', 422, /project/],
      ['project=nope&id=1', 404, /project/],
      ['project=shop&id=9007199254740991', 404, /no such request/],
    ];
    for (const [query, status, message] of cases) {
      const res = await get(`/api/v1/query/request?${query}`);
      expect(res.status, query.slice(0, 80)).toBe(status);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, query.slice(0, 80)).toMatch(message);
      expect(body.error.message.length).toBeLessThan(300);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
