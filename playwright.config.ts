import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/helpers/chromium';
import { DESKTOP, E2E_ADMIN, storageState } from './tests/helpers/e2e';
import { closedPort } from './tests/helpers/net';

/*
 * Two production servers, as a multi-instance deployment runs them:
 * - "main" starts from an empty data directory with ADMIN_EMAIL/ADMIN_PASSWORD set (an unattended
 *   install); the functional suites and the screenshot matrix sign in to it.
 * - "second" starts with no user at all (the first-run setup page is tested on it) and shares
 *   main's Redis, so rate limits must hold across both.
 * Both trust one proxy hop, so a test can give its requests their own client address with
 * X-Forwarded-For and never share a sign-in bucket with another test or an earlier run.
 */
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-e2e-'));
process.env.E2E_PORT ??= String(await closedPort());
process.env.E2E_SECOND_PORT ??= String(await closedPort());
// The servers' output, read by the test that no secret ever reaches a log.
process.env.E2E_LOG_DIR ??= path.join(process.env.E2E_DATA_DIR, 'logs');
fs.mkdirSync(process.env.E2E_LOG_DIR, { recursive: true });

const port = Number(process.env.E2E_PORT);
const secondPort = Number(process.env.E2E_SECOND_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const redisUrl = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
// Specs that start servers of their own and load the demo into them.
const DEMO_SPECS =
  /demo\.spec\.ts|self-monitoring\.spec\.ts|endpoints\.spec\.ts|web-vitals\.spec\.ts|live\.spec\.ts|observatory\.spec\.ts|annotations\.spec\.ts/;

function server(name: string, serverPort: number, env: Record<string, string>) {
  const log = path.join(process.env.E2E_LOG_DIR!, `${name}.log`);
  return {
    // Output goes to a file as well as to Playwright, so a test can read what was logged.
    command: `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/start.ts 2>&1 | tee -a "${log}"`,
    url: `http://127.0.0.1:${serverPort}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      NODE_ENV: 'production',
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      TRUST_PROXY_HOPS: '1',
      REDIS_URL: redisUrl,
      ...env,
    },
  };
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Time limits catch hangs, not slowness: the servers share two cores with the browsers.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    { name: 'first-run', testMatch: /first-run\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${secondPort}` } },
    // Servers of their own (empty until the test loads the demo; Vercel Analytics on); both
    // widths inside each spec.
    {
      name: 'demo',
      testMatch: DEMO_SPECS,
    },
    // The functional suites, once, at 1280 px. What depends on the width (the drawer, no sideways
    // scroll at 375 px, a phone's device class) is checked inside the specs at 375 px.
    {
      name: 'desktop',
      testIgnore: [/first-run\.spec\.ts|logs\.spec\.ts|screens\.spec\.ts|keyboard\.spec\.ts/, DEMO_SPECS],
      dependencies: ['sign-in'],
      use: { viewport: DESKTOP.viewport, colorScheme: DESKTOP.colorScheme, storageState: storageState('admin') },
    },
    // The screenshot matrix and axe: every page at 1280 px light and 375 px dark, into
    // test-results/screens/, after its data is sent.
    { name: 'screens-setup', testMatch: /screens\.setup\.ts/, dependencies: ['sign-in'] },
    { name: 'screens', testMatch: /screens\.spec\.ts/, dependencies: ['screens-setup'] },
    // The main flows from the keyboard alone, on the same data (at 1280 px, signed in as the admin).
    {
      name: 'a11y',
      testMatch: /keyboard\.spec\.ts/,
      dependencies: ['screens-setup'],
      use: { viewport: DESKTOP.viewport, colorScheme: DESKTOP.colorScheme, storageState: storageState('admin') },
    },
    // Last: reads everything the servers logged during the other suites.
    { name: 'logs', testMatch: /logs\.spec\.ts/, dependencies: ['desktop', 'screens', 'a11y', 'first-run', 'demo'] },
  ],
  webServer: [
    server('main', port, {
      DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, 'observatory.db')}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      // The alerts suite's receivers listen on 127.0.0.1, and it waits for a rule to fire.
      OUTBOUND_ALLOW: '127.0.0.1',
      ALERTS_EVAL_INTERVAL_SECONDS: '5',
    }),
    server('second', secondPort, {
      DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, 'second', 'observatory.db')}`,
    }),
  ],
});
