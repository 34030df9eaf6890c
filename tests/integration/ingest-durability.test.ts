/**
 * Nothing acknowledged is lost, on each database: a production server takes concurrent batches
 * of uniquely numbered points, is killed with SIGKILL mid-stream, and is started again on the
 * same database. Every point that got a 202 is stored exactly once (others may or may not be).
 * Twice: points stamped now (raw points and rollups), and points spread over the last 30 days,
 * one minute each, which the server stages (LatePoint) and compaction folds after the restart:
 * each acknowledged value is then its minute's one point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { compactionBacklog, storedMinutes, storedValueCounts } from '../helpers/stored-rows';

const METRIC = 'durable.seq';
const BATCH = 200;
const SENDERS = 8;
const ACKED_BEFORE_KILL = 20_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Spread over 30 days, value v is stamped in minute v of the range: there are 43,200. */
const SPREAD_MINUTES = 30 * 24 * 60 - 10;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 180_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

const cases = databaseProviders().flatMap(([name, fresh]) =>
  (['stamped now', 'spread over 30 days'] as const).map((when) => [name, when, fresh] as const),
);

describe.each(cases)('acknowledged points survive kill -9 on %s, %s', (_name, when, fresh) => {
  const spread = when === 'spread over 30 days';
  // Minute-aligned, starting a few minutes inside the 30-day window ingestion accepts.
  const start = Math.floor((Date.now() - 30 * DAY_MS) / MINUTE_MS) * MINUTE_MS + 5 * MINUTE_MS;
  const stamp = (value: number) => start + value * MINUTE_MS + 30_000;
  let db: TestDatabase;
  let server: AppServer;
  let key: string;

  beforeAll(async () => {
    db = fresh();
    server = await appServer(db);
    cli(server.env, ['project', 'create', '--name', 'Durable']);
    ({ key } = cli<{ key: string }>(server.env, ['key', 'create', 'durable', '--kind', 'ingest', '--name', 'loader']));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  const send = (values: number[]) =>
    fetch(`${server.url}/api/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({
        points: values.map((value) => ({
          name: METRIC,
          kind: 'counter',
          value,
          ...(spread ? { ts: stamp(value) } : {}),
        })),
      }),
    });

  it('every point that got a 202 is stored exactly once', { timeout: 2 * SETUP_TIMEOUT_MS }, async () => {
    await server.start();
    // Spread: the points fall in hours compaction has built (it runs 5 s after the start), so the
    // server stages them.
    if (spread)
      await until(
        'compaction has built hours',
        () => compactionBacklog(db),
        (b) => b.hoursUntil > 0,
      );
    const acked: number[] = [];
    let next = 0;
    let stop = false;
    const sender = async () => {
      while (!stop) {
        const values = Array.from({ length: BATCH }, () => next++);
        try {
          if ((await send(values)).status === 202) acked.push(...values);
        } catch {
          return; // The server is gone.
        }
      }
    };
    const senders = Array.from({ length: SENDERS }, sender);
    // Kill once a good number of batches are in, while requests are still in flight.
    while (acked.length < ACKED_BEFORE_KILL) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    stop = true;
    await Promise.all(senders);
    expect(acked.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);

    expect(next).toBeLessThan(SPREAD_MINUTES);

    await server.start();
    if (spread) {
      // After the restart, compaction folds what was staged before the kill.
      await until(
        'compaction has folded the backlog',
        () => compactionBacklog(db),
        (b) => b.staged === 0 && b.dirty === 0,
      );
      const minutes = await storedMinutes(db, METRIC);
      expect([...minutes].filter(([, m]) => m.count !== 1)).toEqual([]);
      const missing = acked.filter((v) => {
        const m = minutes.get(stamp(v) - 30_000);
        return m?.count !== 1 || m.sum !== v;
      });
      expect(missing.slice(0, 10)).toEqual([]);
      // Raw points are kept for the last 7 days (RETENTION_RAW_DAYS): values stamped in them are there once.
      const raw = await storedValueCounts(db, METRIC);
      expect([...raw].filter(([, n]) => n !== 1)).toEqual([]);
      const recent = acked.filter((v) => stamp(v) >= Date.now() - 7 * DAY_MS + MINUTE_MS);
      expect(recent.filter((v) => raw.get(v) !== 1).slice(0, 10)).toEqual([]);
    } else {
      const stored = await storedValueCounts(db, METRIC);
      expect([...stored].filter(([, n]) => n !== 1)).toEqual([]);
      const missing = acked.filter((v) => stored.get(v) !== 1);
      expect(missing.slice(0, 10)).toEqual([]);
    }
    // After the restart the server still takes writes.
    const after = spread ? SPREAD_MINUTES : 1e9;
    expect((await send([after])).status).toBe(202);
    if (!spread) expect((await storedValueCounts(db, METRIC)).get(after)).toBe(1);
    else {
      await until(
        'the last point is folded',
        () => storedMinutes(db, METRIC),
        (m) => m.get(stamp(after) - 30_000)?.sum === after,
      );
    }
    expect(server.output()).not.toContain(key);
  });
});
