/**
 * npm test: unit and integration suites (Vitest), then browser tests (Playwright with the
 * system's Chromium), then one summary line. It sets up what it can first (scripts/lib/
 * test-services.ts): Chromium, and a Redis for the run when none answers. PostgreSQL suites run
 * when TEST_DATABASE_URL is set, and are required with CI=true.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/db/schema-files';
import { fail } from './lib/cli';
import { ensureChromium, ensureRedis } from './lib/test-services';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const RESULTS = path.join(ROOT, 'test-results');

const missingBrowser = ensureChromium();
if (missingBrowser) fail(missingBrowser);

// The browser tests run two app instances that share rate limits through Redis; the Redis suites
// use the same one.
const redis = await ensureRedis();
if ('error' in redis) fail(redis.error);
process.env.REDIS_URL = redis.url;
process.on('exit', redis.stop);

if (inCi) {
  if (!process.env.TEST_DATABASE_URL)
    fail('TEST_DATABASE_URL must be set when CI=true: the PostgreSQL suites are required in CI');
} else if (!process.env.TEST_DATABASE_URL) {
  console.log('note: TEST_DATABASE_URL not set; the PostgreSQL suites will not run (see README, Tests)');
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
