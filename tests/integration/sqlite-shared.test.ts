/**
 * One SQLite file, two processes: `npm run db:seed` loading a week of demo history while a
 * production server on the same file takes a steady stream of points. Nothing is lost (every
 * point that got a 202 is stored exactly once), no write is refused for a lock (no 503), and the
 * server's jobs and flushes report no failure meanwhile.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { freshSqlite, type TestDatabase } from '../helpers/services';
import { storedValueCounts } from '../helpers/stored-rows';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const METRIC = 'shared.seq';
const BATCH = 100;
const SENDERS = 4;

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

describe('SQLite shared by the server and the seed', () => {
  let db: TestDatabase;
  let server: AppServer;
  let key: string;

  beforeAll(async () => {
    db = freshSqlite();
    server = await appServer(db);
    cli(server.env, ['project', 'create', '--name', 'Steady']);
    ({ key } = cli<{ key: string }>(server.env, ['key', 'create', 'steady', '--kind', 'ingest', '--name', 'loader']));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it(
    'loses no point and fails no job while the seed writes a week of history',
    { timeout: 2 * SETUP_TIMEOUT_MS },
    async () => {
      await server.start();
      const send = (values: number[]) =>
        fetch(`${server.url}/api/v1/metrics`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ points: values.map((value) => ({ name: METRIC, kind: 'counter', value })) }),
        });
      const acked: number[] = [];
      const statuses = new Map<number, number>();
      let next = 0;
      let stop = false;
      const sender = async () => {
        while (!stop) {
          const values = Array.from({ length: BATCH }, () => next++);
          const res = await send(values);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 202) acked.push(...values);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const senders = Array.from({ length: SENDERS }, sender);

      const seed = spawn(TSX, ['scripts/db/seed.ts', '--days', '7', '--json'], {
        cwd: ROOT,
        env: server.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let seedOut = '';
      let seedErr = '';
      seed.stdout.on('data', (d: Buffer) => (seedOut += d.toString()));
      seed.stderr.on('data', (d: Buffer) => (seedErr += d.toString()));
      const code = await new Promise<number | null>((resolve) => seed.on('exit', resolve));
      stop = true;
      await Promise.all(senders);

      expect(code, seedErr).toBe(0);
      expect((JSON.parse(seedOut) as { points: number }).points).toBeGreaterThan(0);
      // Points kept arriving the whole time, and none was refused.
      expect(acked.length).toBeGreaterThan(SENDERS * BATCH * 5);
      expect(Object.fromEntries(statuses)).toEqual({ 202: acked.length / BATCH });
      const stored = await storedValueCounts(db, METRIC);
      expect([...stored].filter(([, n]) => n !== 1)).toEqual([]);
      expect(acked.filter((v) => stored.get(v) !== 1).slice(0, 10)).toEqual([]);
      // Neither a flush nor a job failed meanwhile.
      expect(server.output()).not.toMatch(/flush failed|job \S+ failed|database is locked|timed out/i);
    },
  );
});
