/**
 * Nothing acknowledged is lost: a production server of its own takes concurrent batches of
 * uniquely numbered points, is killed with SIGKILL mid-stream, and is started again on the same
 * database. Every point that got a 202 is stored exactly once (others may or may not be).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { recordSecret } from '../helpers/e2e';
import { closedPort } from '../helpers/net';
import { ownServerEnv, startOwnServer } from '../helpers/own-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

test.describe.configure({ timeout: 120_000 });

function cli(env: NodeJS.ProcessEnv, args: string[]): unknown {
  const res = spawnSync(process.execPath, [TSX, 'scripts/cli.ts', ...args, '--json'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`cli ${args.join(' ')}: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

test('every acknowledged point survives kill -9, exactly once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-durability-'));
  const port = await closedPort();
  const env = ownServerEnv(dir, port);
  cli(env, ['project', 'create', '--name', 'Durable']);
  const { key } = cli(env, ['key', 'create', 'durable', '--kind', 'ingest', '--name', 'loader']) as { key: string };
  recordSecret(key);

  let server = await startOwnServer(env, port);
  const acked: number[] = [];
  let next = 0;
  let stop = false;
  const sender = async () => {
    while (!stop) {
      const values = Array.from({ length: 200 }, () => next++);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ points: values.map((value) => ({ name: 'durable.seq', kind: 'counter', value })) }),
        });
        if (res.status === 202) acked.push(...values);
      } catch {
        return; // The server is gone.
      }
    }
  };
  const senders = Array.from({ length: 8 }, sender);
  // Kill once a good number of batches are in, while requests are still in flight.
  while (acked.length < 20_000) await new Promise((r) => setTimeout(r, 20));
  server.kill('SIGKILL');
  stop = true;
  await Promise.all(senders);
  expect(acked.length).toBeGreaterThanOrEqual(20_000);

  server = await startOwnServer(env, port);
  try {
    const db = new Database(path.join(dir, 'observatory.db'), { readonly: true });
    const rows = db.prepare('SELECT value, COUNT(*) AS n FROM "Point" GROUP BY value').all() as {
      value: number;
      n: number;
    }[];
    db.close();
    const stored = new Map(rows.map((r) => [r.value, r.n]));
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    const missing = acked.filter((v) => stored.get(v) !== 1);
    expect(missing.slice(0, 10)).toEqual([]);
    // After the restart the server still takes writes.
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ points: [{ name: 'durable.seq', kind: 'counter', value: 1e9 }] }),
    });
    expect(res.status).toBe(202);
  } finally {
    server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
