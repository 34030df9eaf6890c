/**
 * npm test: unit and integration suites (Vitest), then browser tests (Playwright with the
 * system's Chromium), then one summary line. PostgreSQL and Redis suites run when
 * TEST_DATABASE_URL / REDIS_URL are set, and are required with CI=true.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../lib/db/schema-files';
import { chromiumMissing } from '../tests/helpers/chromium';
import { fail } from './lib/cli';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const RESULTS = path.join(ROOT, 'test-results');

const missingBrowser = chromiumMissing();
if (missingBrowser) fail(missingBrowser);
if (inCi) {
  for (const name of ['TEST_DATABASE_URL', 'REDIS_URL']) {
    if (!process.env[name])
      fail(`${name} must be set when CI=true: the PostgreSQL and Redis suites are required in CI`);
  }
} else {
  const absent = ['TEST_DATABASE_URL', 'REDIS_URL'].filter((n) => !process.env[n]);
  if (absent.length)
    console.log(`note: ${absent.join(' and ')} not set; those suites will not run (see README, Tests)`);
}

// The browser tests run two app instances that share rate limits through Redis.
const e2eRedis = new URL(process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379');
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: e2eRedis.hostname, port: Number(e2eRedis.port || 6379), timeout: 2_000 });
  const done = (up: boolean) => {
    socket.destroy();
    resolve(up);
  };
  socket.once('connect', () => done(true));
  socket.once('error', () => done(false));
  socket.once('timeout', () => done(false));
});
if (!redisUp) {
  fail(
    `the browser tests need Redis at ${e2eRedis.host} (two instances share it): start redis-server or set REDIS_URL`,
  );
}

fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(RESULTS, { recursive: true });

function step(label: string, args: string[]): boolean {
  console.log(`\n── ${label} ──`);
  const res = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return res.status === 0;
}

const vitestOk = step('unit and integration tests', [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(RESULTS, 'vitest.json')}`,
]);
const e2eOk = step('browser tests', ['node_modules/@playwright/test/cli.js', 'test']);

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(RESULTS, file), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number }>('vitest.json');
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>('e2e.json');
const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (e2e?.stats.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (e2e?.stats.skipped ?? 0);
const ok = vitestOk && e2eOk && vitest !== undefined && e2e !== undefined && failed === 0 && passed > 0;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (!ok) {
  if (!vitest || !e2e) console.error('observatory: a test runner ended without results (see its output above)');
  process.exit(1);
}
