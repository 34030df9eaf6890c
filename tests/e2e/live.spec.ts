/**
 * Live updates as a user meets them, on a production server of its own: a view open on an empty
 * project shows the data a service sends afterwards within seconds, without a reload; when the
 * server restarts, the badge says "Reconnecting…", then "Live" again, and data sent after the
 * restart appears too.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { recordSecret, sameOrigin, signIn } from '../helpers/e2e';
import { closedPort } from '../helpers/net';
import { ownServerEnv, startOwnServer } from '../helpers/own-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SHOTS = path.join(ROOT, 'test-results', 'live');
const ADMIN = { email: 'live-admin@e2e.test', name: 'Lee Admin', password: 'live-admin-password-7d2a' };

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let dir: string;
let env: NodeJS.ProcessEnv;
let port: number;
let server: ChildProcess;
let baseURL: string;
let state: string;
let ingestKey: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-live-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  port = await closedPort();
  baseURL = `http://127.0.0.1:${port}`;
  env = ownServerEnv(dir, port);
  recordSecret(ADMIN.password);
  const args = ['user', 'create', '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin', '--password-stdin'];
  const res = spawnSync(process.execPath, [TSX, 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env,
    input: ADMIN.password,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`cli user create: ${res.stderr}`);
  server = await startOwnServer(env, port, 600);
  const admin = await playwrightRequest.newContext({ baseURL });
  expect((await signIn(admin, baseURL, ADMIN)).status()).toBe(200);
  const created = await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL), data: { name: 'Live shop' } });
  expect(created.status()).toBe(201);
  const keyRes = await admin.post('/api/v1/projects/live-shop/keys', {
    headers: sameOrigin(baseURL),
    data: { kind: 'ingest', name: 'api servers' },
  });
  ingestKey = ((await keyRes.json()) as { key: string }).key;
  recordSecret(ingestKey);
  state = path.join(dir, 'admin.json');
  await admin.storageState({ path: state });
  await admin.dispose();
});

test.afterAll(() => {
  server?.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A service reports a few requests to `route` now. */
async function sendRequests(route: string): Promise<void> {
  const res = await fetch(`${baseURL}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ingestKey },
    body: JSON.stringify({
      requests: Array.from({ length: 5 }, (_, i) => ({
        service: 'api',
        route,
        method: 'GET',
        status: 200,
        durationMs: 40 + i,
      })),
    }),
  });
  expect(res.status).toBe(202);
}

const badge = (page: Page) => page.getByRole('status').filter({ hasText: /Live|Connecting|Reconnecting/ });

test('data sent after the page loaded appears without a reload, and after a server restart too', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL, storageState: state, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/endpoints?project=live-shop&period=1h');
  await expect(page.getByText(/No requests/i).first()).toBeVisible();
  await expect(badge(page)).toHaveText('Live');
  await page.screenshot({ path: path.join(SHOTS, 'before-desktop.png') });

  await sendRequests('/orders/[id]');
  await expect(page.getByRole('link', { name: '/orders/[id]' })).toBeVisible({ timeout: 5_000 });
  await page.screenshot({ path: path.join(SHOTS, 'after-desktop.png') });

  // A restart: the stream ends with the old process, the badge says so, and comes back.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  await expect(badge(page)).toHaveText('Reconnecting…', { timeout: 10_000 });
  await page.screenshot({ path: path.join(SHOTS, 'reconnecting-desktop.png') });
  server = await startOwnServer(env, port, 600);
  await expect(badge(page)).toHaveText('Live', { timeout: 40_000 });

  await sendRequests('/carts/[id]');
  await expect(page.getByRole('link', { name: '/carts/[id]' })).toBeVisible({ timeout: 5_000 });
  await context.close();
});

test('the badge fits and reads at 375 px, in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ baseURL, storageState: state, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/endpoints?project=live-shop&period=1h');
  await expect(badge(page)).toHaveText('Live');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, 'mobile.png'), fullPage: true });
  await context.close();
});
