/**
 * The ingestion API against malformed and hostile requests, over real HTTP to the production
 * server, on each database: every one gets its status and a message naming the problem, nothing
 * reaches the series, points or rollups, and the server stays healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { HOSTILE_CASES, sendCase, type IngestKeys } from '../helpers/hostile-ingest';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { ingestRows, seriesDims, storedValueCounts } from '../helpers/stored-rows';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

describe.each(databaseProviders())('ingestion refuses hostile input on %s', (_name, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  let keys: IngestKeys;

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    cli(server.env, ['project', 'create', '--name', 'Hostile']);
    const key = (...args: string[]) =>
      cli<{ key: string; id: string }>(server.env, ['key', 'create', 'hostile', ...args]);
    const revoked = key('--kind', 'ingest', '--name', 'revoked');
    cli(server.env, ['key', 'revoke', revoked.id]);
    keys = {
      ingest: key('--kind', 'ingest', '--name', 'loader').key,
      revoked: revoked.key,
      read: key('--kind', 'admin', '--name', 'reader', '--scope', 'performance:read').key,
    };
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  // Without this, "nothing stored" could pass against a server that stores nothing at all.
  it('stores valid metrics and request records, and the counts see them', async () => {
    const before = await ingestRows(db);
    const post = (endpoint: string, body: unknown) =>
      fetch(`${server.url}/api/v1/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': keys.ingest },
        body: JSON.stringify(body),
      });
    const points = await post('metrics', { points: [{ name: 'api.latency', value: 12.5, tags: { route: '/a' } }] });
    expect(points.status, await points.clone().text()).toBe(202);
    const requests = await post('requests', {
      requests: [{ service: 'shop-api', route: '/orders/1', method: 'GET', status: 200, durationMs: 41.5 }],
    });
    expect(requests.status, await requests.clone().text()).toBe(202);
    const after = await ingestRows(db);
    expect(after.points - before.points).toBe(1 + 2); // a point; a record's duration and request count
    expect(after.series).toBeGreaterThan(before.series);
    expect(after.minuteValues - before.minuteValues).toBe(1 + 2);
    expect(after.samples - before.samples).toBe(1); // the first request of its route's minute is kept whole
  });

  // Odd but valid: stored as sent, as data, never as SQL or markup.
  it('stores -0, SQL-looking and non-Latin tag values and offset timestamps as sent', async () => {
    const tags = {
      note: `' OR 1=1; DROP TABLE "Point";--`,
      emoji: '\u{1f6d2} checkout',
      rtl: '\u0645\u0631\u062d\u0628\u0627',
    };
    const offset = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '+01:00');
    const body = JSON.stringify({
      points: [
        { name: 'edge.zero', value: 0 },
        { name: 'edge.tags', value: 1, tags, ts: offset },
      ],
    }).replace('"value":0', '"value":-0');
    const res = await fetch(`${server.url}/api/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.ingest },
      body,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    expect([...(await storedValueCounts(db, 'edge.zero')).keys()].map(Math.abs)).toEqual([0]);
    expect((await seriesDims(db, 'edge.tags')).map((dims) => JSON.parse(dims))).toEqual([tags]);
  });

  it.each(HOSTILE_CASES.map((c) => [`${c.endpoint}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const before = await ingestRows(db);
    const res = await sendCase(server.url, c, keys);
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    const { error } = JSON.parse(text) as { error: { code: string; message: string; details?: { path: string }[] } };
    expect(error.message).toMatch(c.message);
    if (c.path) expect(error.details?.[0]?.path).toBe(c.path);
    expect(await ingestRows(db)).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
