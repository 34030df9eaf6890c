/**
 * The benchmark-only no-op route (POST /api/bench/noop) through its handler on a real SQLite
 * database: a 404 in any deployment that has not switched OBSERVATORY_BENCH_ROUTES on, an ingest
 * key's 202 that stores nothing when it has, and never reachable without a key.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { createKey, createProject } from '@/lib/projects/store';
import { freshSqlite, type TestDatabase } from '../helpers/services';

let database: TestDatabase;
let key: string;

beforeAll(async () => {
  database = freshSqlite();
  const target = parseDatabaseUrl(database.url);
  await migrate(target);
  const db = createDb(target);
  const project = await createProject(db, 'test', { name: 'Bench route' });
  ({ key } = await createKey(db, 'test', { project: project.id, kind: 'ingest', name: 'bench' }));
  await db.$disconnect();
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = '';
  delete process.env.OBSERVATORY_BENCH_ROUTES;
});

afterAll(async () => {
  delete process.env.OBSERVATORY_BENCH_ROUTES;
  await database.drop();
});

const post = (headers: Record<string, string>) =>
  new Request('http://localhost/api/bench/noop', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      points: [
        { name: 'a', value: 1 },
        { name: 'a', value: 2 },
        { name: 'b', value: 3 },
      ],
    }),
  });

async function storedPoints(): Promise<number> {
  const db = createDb(parseDatabaseUrl(database.url));
  try {
    return await db.point.count();
  } finally {
    await db.$disconnect();
  }
}

describe('POST /api/bench/noop', () => {
  it('is a 404 by default, even for an ingest key, and refuses anonymous callers', async () => {
    const { POST } = await import('@/app/api/bench/noop/route');
    const res = await POST(post({ 'x-api-key': key }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect((await POST(post({}))).status).toBe(401);
  });

  it('with OBSERVATORY_BENCH_ROUTES=true answers like the ingestion route and stores nothing', async () => {
    vi.resetModules();
    process.env.OBSERVATORY_BENCH_ROUTES = 'true';
    const { POST } = await import('@/app/api/bench/noop/route');
    const res = await POST(post({ 'x-api-key': key }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3 });
    expect((await POST(post({}))).status).toBe(401);
    expect(await storedPoints()).toBe(0);
  });
});

const beacon = (body: string) =>
  new Request('http://localhost/api/bench/beacon-noop', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body,
  });

describe('POST /api/bench/beacon-noop', () => {
  it('is a 404 by default, before reading the body', async () => {
    vi.resetModules();
    delete process.env.OBSERVATORY_BENCH_ROUTES;
    const { POST } = await import('@/app/api/bench/beacon-noop/route');
    const res = await POST(beacon('{"site":"abc123"}'));
    expect(res.status).toBe(404);
    expect((await POST(beacon('not json'))).status).toBe(404);
  });

  it('with OBSERVATORY_BENCH_ROUTES=true reads the beacon, answers 204 and stores nothing; bad bodies get 4xx', async () => {
    vi.resetModules();
    process.env.OBSERVATORY_BENCH_ROUTES = 'true';
    const { POST } = await import('@/app/api/bench/beacon-noop/route');
    expect((await POST(beacon('{"site":"abc123","events":[]}'))).status).toBe(204);
    expect((await POST(beacon('not json'))).status).toBe(400);
    expect((await POST(beacon('x'.repeat(40 * 1024)))).status).toBe(413);
    expect(await storedPoints()).toBe(0);
  });
});
