/**
 * Nothing acknowledged is lost, on each database: a production server takes concurrent batches
 * of uniquely numbered points, is killed with SIGKILL mid-stream, and is started again on the
 * same database. Every point that got a 202 is stored exactly once (others may or may not be).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { storedValueCounts } from '../helpers/stored-rows';

const METRIC = 'durable.seq';
const BATCH = 200;
const SENDERS = 8;
const ACKED_BEFORE_KILL = 20_000;

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

describe.each(databaseProviders())('acknowledged points survive kill -9 on %s', (_name, fresh) => {
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
      body: JSON.stringify({ points: values.map((value) => ({ name: METRIC, kind: 'counter', value })) }),
    });

  it('every point that got a 202 is stored exactly once', { timeout: 2 * SETUP_TIMEOUT_MS }, async () => {
    await server.start();
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

    await server.start();
    const stored = await storedValueCounts(db, METRIC);
    expect([...stored].filter(([, n]) => n !== 1)).toEqual([]);
    const missing = acked.filter((v) => stored.get(v) !== 1);
    expect(missing.slice(0, 10)).toEqual([]);
    // After the restart the server still takes writes.
    expect((await send([1e9])).status).toBe(202);
    expect((await storedValueCounts(db, METRIC)).get(1e9)).toBe(1);
    expect(server.output()).not.toContain(key);
  });
});
