/**
 * Self-monitoring on the production server, on each database: its own route handlers become the
 * RED series of their app routes (with DB time) in the built-in Observatory project, the process
 * is sampled as gauges tagged with the instance, the project cannot be deleted, and with
 * SELF_MONITORING=false nothing more is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { projectSeriesTotals, SELF_PROJECT_ID, type SeriesTotals } from '../helpers/stored-rows';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

const INSTANCE = 'selfmon-test-1';
// The writer's flush every 5 s and the sampler every 10 s, with room for a busy machine.
const WAIT_MS = 40_000;

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function find(rows: SeriesTotals[], name: string, tags: Record<string, string>): SeriesTotals | undefined {
  return rows.find((r) => r.name === name && Object.entries(tags).every(([k, v]) => r.tags[k] === v));
}

describe.each(databaseProviders())('self-monitoring on %s', (provider, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  let ingest: string;
  let admin: string;

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    server.env.INSTANCE_ID = INSTANCE;
    cli(server.env, ['project', 'create', '--name', 'Shop']);
    ingest = cli<{ key: string }>(server.env, ['key', 'create', 'shop', '--kind', 'ingest', '--name', 'svc']).key;
    admin = cli<{ key: string }>(server.env, ['key', 'create', 'shop', '--kind', 'admin', '--name', 'ops']).key;
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('records each route handler as the RED series of its app route, with DB time', async () => {
    const get = (path: string, key?: string) =>
      fetch(`${server.url}${path}`, { headers: key ? { 'x-api-key': key } : {} });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/api/v1/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ingest },
        body: JSON.stringify({ points: [{ name: 'checkout.duration', value: 10 + i }] }),
      });
      expect(res.status).toBe(202);
      expect((await get('/api/v1/projects/shop', admin)).status).toBe(200);
    }
    expect((await get('/api/v1/projects/no-such-project', admin)).status).toBe(404);
    expect((await get('/api/v1/projects/shop/keys')).status).toBe(401);
    expect((await get('/api/health')).status).toBe(200);

    const requests = 'http.server.requests';
    const project = { service: 'observatory', route: '/api/v1/projects/[id]', method: 'GET' };
    let rows: SeriesTotals[] = [];
    await until('the request series', async () => {
      rows = await projectSeriesTotals(db, SELF_PROJECT_ID);
      return (
        (find(rows, requests, { ...project, status_class: '4xx' })?.sum ?? 0) >= 1 &&
        (find(rows, requests, { route: '/api/v1/projects/[id]/keys' })?.sum ?? 0) >= 1
      );
    });

    expect(find(rows, requests, { ...project, status_class: '2xx' })?.sum).toBe(2);
    expect(find(rows, requests, { ...project, status_class: '4xx' })?.sum).toBe(1);
    expect(find(rows, requests, { route: '/api/v1/projects/[id]/keys', status_class: '4xx' })?.sum).toBe(1);
    expect(find(rows, requests, { route: '/api/v1/metrics', method: 'POST', status_class: '2xx' })?.sum).toBe(2);
    // Its start-up health checks are recorded too.
    expect(find(rows, requests, { route: '/api/health', method: 'GET' })?.sum).toBeGreaterThanOrEqual(1);

    const duration = find(rows, 'http.server.request.duration', { ...project, status_class: '2xx' })!;
    expect(duration.count).toBe(2);
    expect(duration.min).toBeGreaterThan(0);
    expect(duration.max).toBeLessThan(30_000);
    // Key lookup and project read: time in the database, and no more than the whole request.
    const dbTime = find(rows, 'http.server.db.duration', project)!;
    expect(dbTime.count).toBe(3);
    expect(dbTime.sum).toBeGreaterThan(0);
    expect(dbTime.max).toBeLessThanOrEqual(
      Math.max(duration.max, find(rows, 'http.server.request.duration', { ...project, status_class: '4xx' })!.max),
    );
    expect(find(rows, 'http.server.db.duration', { route: '/api/v1/metrics' })!.sum).toBeGreaterThan(0);

    // Only app routes, never the raw paths (no project slugs in the tags).
    const routes = new Set(rows.filter((r) => r.tags.route).map((r) => r.tags.route));
    expect([...routes].every((r) => r!.startsWith('/api/') && !r!.includes('shop'))).toBe(true);
    expect(rows.every((r) => r.tags.service === undefined || r.tags.service === 'observatory')).toBe(true);
  });

  it('samples the process as gauges tagged with the instance', async () => {
    const names = [
      'process.cpu.utilization',
      'process.memory.rss',
      'process.memory.heap.used',
      'process.memory.heap.total',
      'nodejs.eventloop.delay.p99',
      'db.client.connection.pending_requests',
      'observatory.ingest.pending_points',
      'observatory.ingest.queue',
    ];
    let rows: SeriesTotals[] = [];
    await until('the process gauges', async () => {
      rows = await projectSeriesTotals(db, SELF_PROJECT_ID);
      return names.every((n) => find(rows, n, { instance: INSTANCE }));
    });
    const gauge = (name: string, tags: Record<string, string> = {}) =>
      find(rows, name, { instance: INSTANCE, ...tags })!;
    expect(gauge('process.cpu.utilization').min).toBeGreaterThanOrEqual(0);
    expect(gauge('process.cpu.utilization').max).toBeLessThanOrEqual(100);
    expect(gauge('process.memory.rss').min).toBeGreaterThan(20e6);
    expect(gauge('process.memory.heap.used').max).toBeLessThanOrEqual(gauge('process.memory.heap.total').max);
    expect(gauge('nodejs.eventloop.delay.p99').min).toBeGreaterThan(0);
    expect(gauge('db.client.connection.pending_requests').min).toBeGreaterThanOrEqual(0);
    if (provider === 'postgresql') {
      expect(gauge('db.client.connection.count', { state: 'idle' }).max).toBeGreaterThanOrEqual(1);
      expect(gauge('db.client.connection.count', { state: 'used' }).min).toBeGreaterThanOrEqual(0);
    }
    // The series-id cache sees the repeated series of the first test.
    expect(gauge('observatory.ingest.series_cache.hit_ratio').max).toBeGreaterThan(0);
  });

  it('lists the built-in project and refuses to delete it', async () => {
    const listed = cli<{ slug: string; name: string; id: string }[]>(server.env, ['project', 'list']);
    expect(listed.find((p) => p.id === SELF_PROJECT_ID)).toMatchObject({ slug: 'observatory', name: 'Observatory' });
    expect(() => cli(server.env, ['project', 'delete', 'observatory', '--yes'])).toThrow(/cannot be deleted/);
    const res = await fetch(`${server.url}/api/v1/projects/observatory`, { headers: { 'x-api-key': admin } });
    expect(res.status).toBe(403);
  });

  it('writes nothing with SELF_MONITORING=false', async () => {
    await server.kill();
    server.env.SELF_MONITORING = 'false';
    await server.start();
    const before = await projectSeriesTotals(db, SELF_PROJECT_ID);
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/projects/shop`, { headers: { 'x-api-key': admin } })).status).toBe(200);
    // Past a flush and a sample, had they been running.
    await new Promise((r) => setTimeout(r, 12_000));
    expect(await projectSeriesTotals(db, SELF_PROJECT_ID)).toEqual(before);
  }, 60_000);
});
