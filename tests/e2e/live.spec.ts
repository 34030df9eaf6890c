/**
 * Live updates as a user meets them, on a production server of its own: a view open on an empty
 * project shows the data a service sends afterwards within seconds, without a reload; when the
 * server restarts, the badge says "Reconnecting…", then "Live" again, and data sent after the
 * restart appears too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { recordSecret, sameOrigin } from '../helpers/e2e';
import { startAdminServer, type AdminServer } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'live');
const ADMIN = { email: 'live-admin@e2e.test', name: 'Lee Admin', password: 'live-admin-password-7d2a' };

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let app: AdminServer;
let baseURL: string;
let state: string;
let ingestKey: string;

test.beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startAdminServer('live', ADMIN);
  ({ baseURL, state } = app);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const created = await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL), data: { name: 'Live shop' } });
  expect(created.status()).toBe(201);
  const keyRes = await admin.post('/api/v1/projects/live-shop/keys', {
    headers: sameOrigin(baseURL),
    data: { kind: 'ingest', name: 'api servers' },
  });
  ingestKey = ((await keyRes.json()) as { key: string }).key;
  recordSecret(ingestKey);
  await admin.dispose();
});

test.afterAll(() => app?.dispose());

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
  await expect(page.getByRole('link', { name: '/orders/[id]' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'after-desktop.png') });

  // A restart: the stream ends with the old process, the badge says so, and comes back.
  const exited = new Promise((resolve) => app.process.once('exit', resolve));
  app.process.kill('SIGTERM');
  await exited;
  await expect(badge(page)).toHaveText('Reconnecting…', { timeout: 10_000 });
  await page.screenshot({ path: path.join(SHOTS, 'reconnecting-desktop.png') });
  await app.start();
  await expect(badge(page)).toHaveText('Live', { timeout: 40_000 });

  await sendRequests('/carts/[id]');
  await expect(page.getByRole('link', { name: '/carts/[id]' })).toBeVisible();
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
