import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/helpers/chromium';
import { closedPort } from './tests/helpers/net';

// The app under test starts from an empty data directory, as on a fresh install.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-e2e-'));
// A free port unless E2E_PORT is set, so runs never collide with another server.
process.env.E2E_PORT ??= String(await closedPort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 30_000,
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
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'mobile', use: { viewport: { width: 375, height: 740 }, colorScheme: 'dark' } },
  ],
  webServer: {
    command: `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/start.ts`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, 'observatory.db')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: '',
    },
  },
});
