/**
 * The server SDK against a real Observatory (the production server on a fresh database of each kind): what a
 * service records through recordRequest, record, the Next.js wrapper and the node:http helper arrives, is stored
 * as its route's RED series, and reads back through the query API. Hostile values mixed in are dropped locally,
 * so Observatory never refuses a batch for them; a wrong key is refused once and not retried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReporter, type Reporter } from '@/lib/sdk';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { seriesDims, storedValueCounts } from '../helpers/stored-rows';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

type Red = { requests: number; errors: number };

describe.each(databaseProviders())('the SDK reporting to Observatory on %s', (_name, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  let ingestKey: string;
  let readKey: string;
  const reporters: Reporter[] = [];

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    cli(server.env, ['project', 'create', '--name', 'SDK']);
    const key = (...args: string[]) => cli<{ key: string }>(server.env, ['key', 'create', 'sdk', ...args]).key;
    ingestKey = key('--kind', 'ingest', '--name', 'service');
    readKey = key('--kind', 'admin', '--name', 'reader', '--scope', 'performance:read');
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(reporters.map((r) => r.close()));
    await server?.kill();
    await db?.drop();
  });

  function reporter(service: string, key = ingestKey, maxBuffered?: number) {
    const warnings: string[] = [];
    const r = createReporter({
      endpoint: server.url,
      key,
      service,
      maxBuffered,
      flushIntervalMs: 3_600_000,
      flushOnExit: false,
      logger: { warn: (m) => warnings.push(m) },
    });
    reporters.push(r);
    return Object.assign(r, { warnings });
  }

  async function red(filters: Record<string, string>): Promise<Red> {
    const params = new URLSearchParams({
      project: 'sdk',
      from: String(Date.now() - 3_600_000),
      to: String(Date.now()),
    });
    for (const [k, v] of Object.entries(filters)) params.set(`tag.${k}`, v);
    const res = await fetch(`${server.url}/api/v1/query/red?${params}`, { headers: { 'x-api-key': readKey } });
    expect(res.status, (await res.clone().text()) + server.output().slice(-3000)).toBe(200);
    return ((await res.json()) as { red: Red }).red;
  }

  it('recorded requests and metrics are stored as their series; hostile values never reach the server', async () => {
    const sdk = reporter('shop-api');
    for (let i = 0; i < 30; i++) {
      sdk.recordRequest({
        route: `/orders/${1000 + i}`,
        method: 'get',
        status: i % 10 === 0 ? 503 : 200,
        durationMs: 20 + i,
        dbTimeMs: 5,
        dbQueries: 2,
        cacheHit: i % 2 === 0,
      });
      // Each of these alone would make Observatory refuse the whole batch.
      sdk.recordRequest({ route: `/orders/${i}`, method: 'GET', status: 200, durationMs: NaN });
      sdk.recordRequest({ route: 'x'.repeat(100_000), method: 'GET', status: 200, durationMs: 1 });
      sdk.record('bad name!', 1);
      sdk.record('checkout.total', Infinity);
    }
    sdk.record('queue.length', 17, { queue: 'orders' });
    sdk.record('orders.created', 3, { region: 'eu' }, { kind: 'counter' });
    await sdk.flush();

    const stats = sdk.stats();
    expect(stats).toMatchObject({ recorded: 32, sent: 32, buffered: 0, retries: 0, lastError: null });
    expect(stats.dropped).toEqual({ invalid: 120, overflow: 0, rejected: 0, failed: 0, shutdown: 0 });
    expect(stats.invalidReasons).toEqual({ durationMs: 30, route: 30, name: 30, value: 30 });

    const route = { method: 'GET', route: '/orders/[id]', service: 'shop-api' };
    expect(await seriesDims(db, 'http.server.request.duration')).toEqual([
      JSON.stringify({ ...route, status_class: '2xx' }),
      JSON.stringify({ ...route, status_class: '5xx' }),
    ]);
    expect(await seriesDims(db, 'http.server.cache.hits')).toEqual([JSON.stringify(route)]);
    expect([...(await storedValueCounts(db, 'http.server.db.queries'))]).toEqual([[2, 30]]);
    expect([...(await storedValueCounts(db, 'queue.length'))]).toEqual([[17, 1]]);
    expect(await seriesDims(db, 'orders.created')).toEqual([JSON.stringify({ region: 'eu' })]);

    expect(await red({ service: 'shop-api', route: '/orders/[id]' })).toMatchObject({ requests: 30, errors: 3 });
  });

  it('the Next.js wrapper and the node:http helper report what they served', async () => {
    const sdk = reporter('web');
    const GET = sdk.wrap('/users/[id]', async (req: Request) =>
      req.url.endsWith('/0') ? new Response('gone', { status: 410 }) : Response.json({ ok: true }),
    );
    const DELETE = sdk.wrap('/users/[id]', async (): Promise<Response> => {
      throw new Error('not today');
    });
    for (let i = 0; i < 4; i++) await GET(new Request(`http://web.local/users/${i}`));
    await expect(DELETE(new Request('http://web.local/users/1', { method: 'DELETE' }))).rejects.toThrow('not today');

    const plain = http.createServer((req, res) => {
      sdk.observe(req, res);
      res.statusCode = req.url === '/health' ? 200 : 500;
      res.end();
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    try {
      await fetch(`${url}/health`);
      await fetch(`${url}/health`);
      await fetch(`${url}/jobs/2026-11-24/run`, { method: 'POST' });
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
    await sdk.flush();
    expect(sdk.stats()).toMatchObject({ recorded: 8, sent: 8 });

    expect(await red({ service: 'web', route: '/users/[id]', method: 'GET' })).toMatchObject({
      requests: 4,
      errors: 0,
    });
    expect(await red({ service: 'web', route: '/users/[id]', method: 'DELETE' })).toMatchObject({
      requests: 1,
      errors: 1,
    });
    expect(await red({ service: 'web', route: '/health' })).toMatchObject({ requests: 2, errors: 0 });
    // The raw path of a plain server becomes its template on the server.
    expect(await red({ service: 'web', route: '/jobs/[date]/run' })).toMatchObject({ requests: 1, errors: 1 });
    const statuses = (await seriesDims(db, 'http.server.requests')).map((d) => JSON.parse(d) as Record<string, string>);
    expect(statuses.filter((d) => d.service === 'web' && d.route === '/users/[id]').map((d) => d.status_class)).toEqual(
      expect.arrayContaining(['2xx', '4xx', '5xx']),
    );
  });

  it('thousands of records go in batches within the limits and all arrive', async () => {
    // Recorded in one synchronous burst: the buffer must hold them all (the default keeps 10,000).
    const sdk = reporter('bulk', ingestKey, 20_000);
    for (let i = 0; i < 12_000; i++) {
      sdk.recordRequest({ route: `/items/${i % 7}`, method: 'GET', status: 200, durationMs: i % 500 });
    }
    await sdk.flush();
    expect(sdk.stats()).toMatchObject({ recorded: 12_000, sent: 12_000, retries: 0, dropped: { overflow: 0 } });
    expect((await red({ service: 'bulk' })).requests).toBe(12_000);
  });

  it('marks a deploy: stored once per version and environment, listed for readers, refused values named', async () => {
    const sdk = reporter('shop-api');
    const at = Date.now() - 60_000;
    const first = await sdk.deployment({ version: 'v2.0.0', commit: 'a1b2c3d4e5f6a7b8', ts: new Date(at) });
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await sdk.deployment({ version: 'v2.0.0' })).toEqual({ ...first, created: false });
    const staging = await sdk.deployment({ version: 'v2.0.0', environment: 'staging' });
    expect(staging).toMatchObject({ ok: true, created: true });
    // Values the API would refuse never leave the process.
    expect(await sdk.deployment({ version: '' })).toEqual({ ok: false, error: 'invalid version' });
    expect(await sdk.deployment({ version: 'v1\u0000' })).toEqual({ ok: false, error: 'invalid version' });
    expect(await sdk.deployment({ version: 'v1', commit: 'zzz' })).toEqual({ ok: false, error: 'invalid commit' });
    expect(await sdk.deployment({ version: 'v1', environment: 'a b' })).toEqual({
      ok: false,
      error: 'invalid environment',
    });
    expect(await sdk.deployment({ version: 'v1', ts: Date.now() + 3_600_000 })).toEqual({
      ok: false,
      error: 'invalid ts',
    });
    expect(await sdk.deployment(null as never)).toEqual({ ok: false, error: 'invalid record' });
    const res = await fetch(`${server.url}/api/v1/projects/sdk/deployments?service=shop-api`, {
      headers: { 'x-api-key': readKey },
    });
    expect(res.status).toBe(200);
    const { deployments } = (await res.json()) as {
      deployments: { id: number; version: string; environment: string; commit: string | null; at: number }[];
    };
    expect(deployments.map((d) => [d.id, d.version, d.environment])).toEqual([
      [staging.ok ? staging.id : 0, 'v2.0.0', 'staging'],
      [first.ok ? first.id : 0, 'v2.0.0', 'production'],
    ]);
    expect(deployments[1]).toMatchObject({ commit: 'a1b2c3d4e5f6a7b8', at });
    // A wrong key: the error says so, and the call still resolves.
    const wrong = await reporter('shop-api', 'obs_not_a_real_key_0000000000').deployment({ version: 'v3' });
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.error).toMatch(/^POST \/api\/v1\/deployments: 401 /);
    // Disabled: a no-op that says so.
    expect(
      await createReporter({ endpoint: server.url, key: ingestKey, service: 'x', enabled: false }).deployment({
        version: 'v1',
      }),
    ).toEqual({
      ok: false,
      error: 'the reporter is disabled',
    });
  });

  it('a wrong key is refused once (401), not retried, and the key is not logged', async () => {
    const sdk = reporter('wrong', 'obs_not_a_real_key_0000000000');
    sdk.recordRequest({ route: '/a', method: 'GET', status: 200, durationMs: 1 });
    await sdk.flush();
    expect(sdk.stats()).toMatchObject({ sent: 0, retries: 0, dropped: { rejected: 1 } });
    expect(sdk.stats().lastError).toMatch(/^401 /);
    expect(sdk.warnings).toHaveLength(1);
    expect(sdk.warnings[0]).toContain('401');
    expect(sdk.warnings[0]).not.toContain('obs_not_a_real_key');
    expect(server.output()).not.toContain(ingestKey);
  });
});
