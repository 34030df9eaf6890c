import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { checkHealth } from '@/lib/health/check';
import { createRedis } from '@/lib/redis/client';
import { freshPostgres, freshSqlite, REDIS_URL, TEST_DATABASE_URL } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';
import pkg from '../../package.json' with { type: 'json' };

/** A migrated SQLite database with a client; drop() disconnects and deletes it. */
async function migratedSqlite(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const sqlite = freshSqlite();
  const target = parseDatabaseUrl(sqlite.url);
  await migrate(target);
  const db = createDb(target);
  return { db, drop: async () => (await db.$disconnect(), await sqlite.drop()) };
}

describe('health on SQLite', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await migratedSqlite()));
  afterAll(() => drop());

  it('reports ok with the version and uptime', async () => {
    const report = await checkHealth({ db, provider: 'sqlite', redis: null });
    expect(report).toMatchObject({
      status: 'ok',
      db: 'ok',
      provider: 'sqlite',
      redis: 'disabled',
      version: pkg.version,
    });
    expect(report.uptime).toBeGreaterThanOrEqual(0);
  });
});

describe.runIf(TEST_DATABASE_URL)('health on PostgreSQL', () => {
  const database = TEST_DATABASE_URL ? freshPostgres() : undefined;
  let proxy: TcpProxy;
  let db: Db;

  beforeAll(async () => {
    const real = new URL(database!.url);
    proxy = new TcpProxy(real.hostname, Number(real.port || 5432));
    const port = await proxy.start();
    const viaProxy = new URL(database!.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    const target = parseDatabaseUrl(viaProxy.toString());
    await migrate(target);
    db = createDb(target, { connectTimeoutMs: 1_000 });
  });
  afterAll(async () => {
    await proxy.stop();
    await db.$disconnect().catch(() => {});
    await database!.drop();
  });

  it('reports unavailable while the database is unreachable, and ok again after', async () => {
    expect((await checkHealth({ db, provider: 'postgresql', redis: null })).status).toBe('ok');

    const port = proxy.port;
    await proxy.stop();
    const down = await checkHealth({ db, provider: 'postgresql', redis: null }, 1_500);
    expect(down).toMatchObject({ status: 'unavailable', db: 'unreachable' });

    await proxy.start(port);
    let back = await checkHealth({ db, provider: 'postgresql', redis: null }, 1_500);
    // The pool may hand out one connection that was cut while the proxy was down.
    if (back.status !== 'ok') back = await checkHealth({ db, provider: 'postgresql', redis: null }, 1_500);
    expect(back).toMatchObject({ status: 'ok', db: 'ok' });
  });
});

describe.runIf(REDIS_URL)('health with Redis', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await migratedSqlite()));
  afterAll(() => drop());

  it('reports Redis ok when it answers', async () => {
    const redis = createRedis(REDIS_URL!);
    try {
      expect(await checkHealth({ db, provider: 'sqlite', redis })).toMatchObject({ status: 'ok', redis: 'ok' });
    } finally {
      redis.disconnect();
    }
  });

  it('reports degraded, not unavailable, when Redis is down', async () => {
    const real = new URL(REDIS_URL!);
    const proxy = new TcpProxy(real.hostname, Number(real.port || 6379));
    const port = await proxy.start();
    const redis = createRedis(`redis://127.0.0.1:${port}`);
    try {
      expect((await checkHealth({ db, provider: 'sqlite', redis })).redis).toBe('ok');
      await proxy.stop();
      expect(await checkHealth({ db, provider: 'sqlite', redis }, 1_000)).toMatchObject({
        status: 'degraded',
        db: 'ok',
        redis: 'unreachable',
      });
    } finally {
      redis.disconnect();
      await proxy.stop();
    }
  });
});
