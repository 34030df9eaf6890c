/**
 * Ingestion's two refusals that ask the client to come back, over real HTTP to the production
 * server: 429 with Retry-After past a key's rate (INGEST_REQUESTS_PER_SECOND), and 503 with
 * Retry-After while the write buffer is full (INGEST_BUFFER_POINTS). Neither stores anything of
 * the refused request, and the server takes the retry.
 *
 * The full buffer is made by stalling the writer's transaction behind a PostgreSQL table lock
 * taken by the test: on SQLite a stalled write also holds back the key lookups of the requests
 * behind it (one connection's statements run in turn), so no second request would get as far
 * as the buffer. The buffer's refusal on SQLite is covered where the writer is tested directly
 * (ingest-writer.test.ts); the HTTP answer is the same code on both databases.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, TEST_DATABASE_URL, type TestDatabase } from '../helpers/services';
import { ingestRows } from '../helpers/stored-rows';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

const points = (n: number, name = 'pressure') =>
  JSON.stringify({ points: Array.from({ length: n }, (_, i) => ({ name, value: i, tags: { n: String(i % 3) } })) });

async function post(server: AppServer, key: string, body: string): Promise<Response> {
  return fetch(`${server.url}/api/v1/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body,
  });
}

/** A server allowing one request per second per key (bursts of 4) and one full request in the buffer. */
async function started<K extends string>(
  db: TestDatabase,
  names: K[],
): Promise<{ server: AppServer; keys: Record<K, string> }> {
  const server = await appServer(db);
  server.env.INGEST_REQUESTS_PER_SECOND = '1';
  server.env.INGEST_BUFFER_POINTS = '5000';
  // Self-monitoring's own batches would share the buffer: only the test's requests may fill it.
  server.env.SELF_MONITORING = 'false';
  cli(server.env, ['project', 'create', '--name', 'Pressure']);
  const keys = Object.fromEntries(
    names.map((name) => [
      name,
      cli<{ key: string }>(server.env, ['key', 'create', 'pressure', '--kind', 'ingest', '--name', name]).key,
    ]),
  ) as Record<K, string>;
  await server.start();
  return { server, keys };
}

describe.each(databaseProviders())('ingestion rate limit on %s', (_name, fresh) => {
  let db: TestDatabase;
  let server: AppServer;
  let key: string;

  beforeAll(async () => {
    db = fresh();
    let keys: Record<'limited', string>;
    ({ server, keys } = await started(db, ['limited']));
    key = keys.limited;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('answers 429 with Retry-After past the burst, stores nothing of it, and takes the retry', async () => {
    for (let i = 0; i < 4; i++) expect((await post(server, key, points(1))).status).toBe(202);
    const before = await ingestRows(db);
    const refused = await post(server, key, points(10));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/too many requests/);
    expect((await ingestRows(db)).points).toBe(before.points);

    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    const retried = await post(server, key, points(10));
    expect(retried.status, await retried.clone().text()).toBe(202);
    expect((await ingestRows(db)).points).toBe(before.points + 10);
  });
});

describe.runIf(TEST_DATABASE_URL)('ingestion with a full write buffer on postgresql', () => {
  let db: TestDatabase;
  let server: AppServer;
  let keys: Record<'warm' | 'filler' | 'late' | 'retry', string>;

  beforeAll(async () => {
    db = databaseProviders().find(([name]) => name === 'postgresql')![1]();
    ({ server, keys } = await started(db, ['warm', 'filler', 'late', 'retry']));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('answers 503 with Retry-After while the buffer is full, stores nothing of it, and takes the retry', async () => {
    // Series exist first, so the stalled flush waits on the point insert alone.
    expect((await post(server, keys.warm, points(3))).status).toBe(202);
    const before = await ingestRows(db);

    const schema = new URL(db.url).searchParams.get('schema')!;
    const locker = new pg.Client({ connectionString: TEST_DATABASE_URL });
    const watcher = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
    await watcher.connect();
    let filling: Promise<Response> | undefined;
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}"."Point" IN ACCESS EXCLUSIVE MODE`);
      // 5,000 points fill the buffer; their flush waits for the lock. (A request sent before
      // they are in would be accepted and wait for the lock too: wait until the flush does.)
      filling = post(server, keys.filler, points(5_000));
      for (const deadline = Date.now() + 30_000; ;) {
        // Outside the lock's transaction: inside one, PostgreSQL keeps the first activity snapshot.
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "Point"%' AND query NOT LIKE '%pg_stat_activity%'`,
        );
        if (rows[0]!.n > 0) break;
        if (Date.now() > deadline) {
          const { rows: activity } = await watcher.query(
            `SELECT state, wait_event_type, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database()`,
          );
          throw new Error(`the flush never reached the locked table:\n${JSON.stringify(activity)}\n${server.output()}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const refused = await post(server, keys.late, points(1));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/write buffer is full/);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await watcher.end();
    }
    expect((await filling!).status).toBe(202);
    const retried = await post(server, keys.retry, points(1));
    expect(retried.status, await retried.clone().text()).toBe(202);
    // The filler and the retry, and nothing of the refused request.
    expect((await ingestRows(db)).points).toBe(before.points + 5_000 + 1);
  });
});
