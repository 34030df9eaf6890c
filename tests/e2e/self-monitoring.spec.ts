/**
 * Self-monitoring as an admin meets it, on a production server of its own with Vercel Web
 * Analytics turned on: the built-in Observatory project is listed, marked and cannot be deleted;
 * pages do not reference the browser tracker before it is built (no 404 in the console); Vercel's
 * script is inserted without any Content-Security-Policy violation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { sameOrigin, WIDTHS } from '../helpers/e2e';
import { startAdminServer, type AdminServer } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'self-monitoring');
const ADMIN = { email: 'selfmon-admin@e2e.test', name: 'Sam Admin', password: 'selfmon-admin-password-3e8b' };

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let app: AdminServer;
let baseURL: string;
let state: string;

test.beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startAdminServer('selfmon', ADMIN, { TRUST_PROXY_HOPS: '1', VERCEL_ANALYTICS: 'true' });
  ({ baseURL, state } = app);
});

test.afterAll(() => app?.dispose());

test('the built-in project is listed, marked, and cannot be deleted', async ({ browser }) => {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ baseURL, storageState: state, viewport: width.viewport });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: width.colorScheme });
    await page.goto('/settings/projects');
    const card = page.getByRole('article', { name: 'Observatory' });
    await expect(card.getByText('built-in', { exact: true })).toBeVisible();
    await expect(card.getByText(/cannot be deleted/)).toBeVisible();
    await expect(card.getByRole('button', { name: 'Edit project Observatory' })).toBeVisible();
    await expect(card.getByRole('button', { name: /^Delete project/ })).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${width.name} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `projects-${width.name}.png`), fullPage: true });
    await context.close();
  }

  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const res = await admin.delete('/api/v1/projects/observatory', { headers: sameOrigin(baseURL) });
  expect(res.status()).toBe(409);
  expect((await res.json()).error.message).toMatch(/built-in Observatory project cannot be deleted/);
  // Signed-in page views taught it the address users reach it at, for the tracker's beacons.
  const project = (await (await admin.get('/api/v1/projects/observatory')).json()).project;
  expect(project.allowedOrigins).toEqual([baseURL]);
  await admin.dispose();
});

test("pages load Vercel's script and Observatory's own tracker without a CSP violation", async ({ browser }) => {
  const context = await browser.newContext({ baseURL, storageState: state });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (msg) => /Content Security Policy/i.test(msg.text()) && violations.push(msg.text()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();
  await expect(page.locator('script[src="/_vercel/insights/script.js"]')).toHaveCount(1);
  // The start command builds the tracker, so the page carries it, for the built-in project's site.
  const tracker = page.locator('script[src="/tracker.js"]');
  await expect(tracker).toHaveCount(1);
  const site = await tracker.getAttribute('data-site');
  const self = (await (await context.request.get('/api/v1/projects/observatory')).json()).project;
  expect(site).toBe(self.siteId);
  expect((await context.request.get('/tracker.js')).status()).toBe(200);
  expect(violations).toEqual([]);
  await context.close();
});
