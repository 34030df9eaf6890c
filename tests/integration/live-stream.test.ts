/**
 * GET /api/v1/stream, the dashboard's live updates, on the production server: a `change` event
 * follows stored data within seconds, uncompressed even when the client accepts gzip; a busy
 * project's events are throttled; bad requests are refused; a graceful stop ends open streams
 * instead of waiting for them; and with Redis, a dashboard connected to one instance hears
 * about data stored through another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, REDIS_URL, type TestDatabase } from '../helpers/services';
import { connectSse, type SseConnection } from '../helpers/sse';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

const GRACE_MS = 10_000; // scripts/server.ts forces an exit after this
const STREAMS_MAX = 3;

async function post(server: AppServer, key: string, value: number): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ points: [{ name: 'checkout.duration', kind: 'distribution', value }] }),
  });
  expect(res.status).toBe(202);
}

describe.each(databaseProviders())('live stream on %s', (provider, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  let ingest: string;
  let read: string;
  let otherRead: string;
  let projectId: string;
  const open: SseConnection[] = [];

  const stream = async (query: string, key: string | null = read, headers: Record<string, string> = {}) => {
    const conn = await connectSse(`${server.url}/api/v1/stream${query}`, {
      ...(key ? { 'x-api-key': key } : {}),
      ...headers,
    });
    open.push(conn);
    return conn;
  };

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    projectId = cli<{ id: string }>(server.env, ['project', 'create', '--name', 'Shop']).id;
    cli(server.env, ['project', 'create', '--name', 'Other']);
    ingest = cli<{ key: string }>(server.env, ['key', 'create', 'shop', '--kind', 'ingest', '--name', 'svc']).key;
    const readKey = (project: string) =>
      cli<{ key: string }>(server.env, [
        'key',
        'create',
        project,
        '--kind',
        'admin',
        '--name',
        'viewer',
        '--scope',
        'performance:read',
      ]).key;
    read = readKey('shop');
    otherRead = readKey('other');
    server.env.LIVE_STREAMS_MAX = String(STREAMS_MAX);
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const conn of open) conn.close();
    await server?.kill();
    await db?.drop();
  });

  it('sends `ready`, then `change` once data is stored, uncompressed though the client takes gzip', async () => {
    const conn = await stream('?project=shop', read, { 'accept-encoding': 'gzip, deflate, br' });
    expect(conn.status).toBe(200);
    expect(conn.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(conn.headers.get('content-encoding')).toBeNull();
    expect(conn.headers.get('cache-control')).toContain('no-transform');
    const ready = await conn.next();
    expect(ready?.event).toBe('ready');
    expect(JSON.parse(ready!.data)).toMatchObject({ projectId });

    const before = Date.now();
    await post(server, ingest, 12);
    const change = await conn.next(5_000);
    expect(change?.event).toBe('change');
    const data = JSON.parse(change!.data) as { projectId: string; at: number };
    expect(data.projectId).toBe(projectId);
    expect(data.at).toBeGreaterThanOrEqual(before - 1_000);
    conn.close();
  });

  it('throttles a busy project to about one event a second, the last change included', async () => {
    const conn = await stream('?project=shop');
    expect((await conn.next())?.event).toBe('ready');
    // Let any earlier test's throttle window pass, then 3 s of back-to-back batches.
    await new Promise((r) => setTimeout(r, 1_200));
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < 3_000) {
      await post(server, ingest, ++sent);
    }
    const events = await conn.collect(2_500);
    expect(sent).toBeGreaterThan(10);
    const changes = events.filter((e) => e.event === 'change');
    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(changes.length).toBeLessThanOrEqual(6);
    // The trailing event comes after the last batch was stored.
    const last = JSON.parse(changes.at(-1)!.data) as { at: number };
    expect(last.at).toBeGreaterThanOrEqual(started + 3_000 - 1_000);
    conn.close();
  });

  it('tells no project about another’s data', async () => {
    const conn = await stream('?project=other', otherRead);
    expect((await conn.next())?.event).toBe('ready');
    await post(server, ingest, 5);
    expect(await conn.collect(2_500)).toEqual([]);
    conn.close();
  });

  it('refuses bad requests with a 4xx naming the problem, and stays healthy', async () => {
    const cases: [string, string | null, number, RegExp][] = [
      ['?project=shop', null, 401, /./],
      ['', read, 422, /project/],
      ['?project=', read, 422, /project must not be empty/],
      [`?project=${'x'.repeat(101)}`, read, 422, /project is too long/],
      ['?project=shop&extra=1', read, 422, /extra/],
      ['?project=no-such-project', read, 404, /./],
      ["?project=shop'%20OR%20'1'='1", read, 404, /./],
      ['?project=%00%01', read, 404, /./],
      ['?project=other', read, 403, /./],
      ['?project=shop', `${read}x`, 401, /./],
    ];
    for (const [query, key, status, message] of cases) {
      const res = await fetch(`${server.url}/api/v1/stream${query}`, { headers: key ? { 'x-api-key': key } : {} });
      const body = (await res.json()) as { error: { message: string } };
      expect([query, res.status]).toEqual([query, status]);
      expect(body.error.message).toMatch(message);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('holds at most LIVE_STREAMS_MAX streams open, refusing more with 503 and Retry-After until one closes', async () => {
    const held = await Promise.all(Array.from({ length: STREAMS_MAX }, () => stream('?project=shop')));
    for (const conn of held) expect((await conn.next())?.event).toBe('ready');
    const refused = await fetch(`${server.url}/api/v1/stream?project=shop`, { headers: { 'x-api-key': read } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/too many live streams/);
    held[0]!.close();
    // The server notices the closed connection, and the slot is free again.
    let again: SseConnection | null = null;
    for (const deadline = Date.now() + 5_000; !again && Date.now() < deadline;) {
      const conn = await stream('?project=shop');
      if (conn.status === 200) again = conn;
      else {
        conn.close();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(again?.status).toBe(200);
    for (const conn of [...held, again!]) conn.close();
  });

  it('ends open streams when the server stops gracefully, instead of waiting for them', async () => {
    const conns = await Promise.all([stream('?project=shop'), stream('?project=shop')]);
    for (const conn of conns) expect((await conn.next())?.event).toBe('ready');
    const stopping = Date.now();
    const code = await server.stop();
    expect(code).toBe(0);
    // Well before the forced exit: the streams did not hold the stop.
    expect(Date.now() - stopping).toBeLessThan(GRACE_MS);
    for (const conn of conns) expect(await conn.next(2_000)).toBeNull();
    await server.start();
  });
});

/** Instances share PostgreSQL and Redis; SQLite is one process's file. */
describe.each(databaseProviders().filter(([name]) => name === 'postgresql'))(
  'live stream across instances on %s',
  (_name, fresh) => {
    let db: TestDatabase;
    let servers: AppServer[] = [];
    let ingest: string;
    let read: string;
    let projectId: string;

    beforeAll(async () => {
      if (!REDIS_URL) throw new Error('REDIS_URL is not set: instances share live events through Redis');
      db = fresh();
      servers = [await appServer(db), await appServer(db)];
      const env = servers[0]!.env;
      projectId = cli<{ id: string }>(env, ['project', 'create', '--name', 'Shop']).id;
      ingest = cli<{ key: string }>(env, ['key', 'create', 'shop', '--kind', 'ingest', '--name', 'svc']).key;
      read = cli<{ key: string }>(env, [
        'key',
        'create',
        'shop',
        '--kind',
        'admin',
        '--name',
        'viewer',
        '--scope',
        'performance:read',
      ]).key;
      await Promise.all(servers.map((s) => s.start()));
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill()));
      await db?.drop();
    });

    it('a stream on one instance hears about data stored through another', async () => {
      const [first, second] = servers as [AppServer, AppServer];
      const conn = await connectSse(`${second.url}/api/v1/stream?project=shop`, { 'x-api-key': read });
      try {
        expect((await conn.next())?.event).toBe('ready');
        await post(first, ingest, 33);
        const change = await conn.next(5_000);
        expect(change?.event).toBe('change');
        expect(JSON.parse(change!.data)).toMatchObject({ projectId });
      } finally {
        conn.close();
      }
    });
  },
);
