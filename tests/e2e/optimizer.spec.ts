/**
 * The Optimizer page on the main browser-test server, with a project of its own: a slow route's
 * records and a deploy marker go in through the API; a member runs detection from the page and
 * sees the finding with its predicted gain, its evidence and steps, and the deploy under Recent
 * deploys; starting it moves it to In progress; its evidence link opens the route's page, whose
 * chart lists the deploy. A viewer sees the same page with the changes disabled and the reason.
 */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';

const SLUG = 'optimizer-e2e';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const headers = sameOrigin(baseURL!);
  const created = await admin.post('/api/v1/projects', { headers, data: { name: 'Optimizer shop', slug: SLUG } });
  expect(created.status(), await created.text()).toBe(201);
  const keyRes = await admin.post(`/api/v1/projects/${SLUG}/keys`, { headers, data: { kind: 'ingest', name: 'e2e' } });
  expect(keyRes.status(), await keyRes.text()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };
  recordSecret(key);
  const now = Date.now();
  const requests = Array.from({ length: 300 }, (_, i) => ({
    service: 'shop-api',
    route: i % 3 === 0 ? '/reports/[id]' : '/health',
    method: 'GET',
    status: 200,
    durationMs: i % 3 === 0 ? 2_400 + (i % 7) * 10 : 5,
    ts: now - 2 * 3_600_000 + i * 20_000,
  }));
  const sent = await admin.post('/api/v1/requests', { headers: { 'x-api-key': key }, data: { requests } });
  expect(sent.status(), await sent.text()).toBe(202);
  const deploy = await admin.post('/api/v1/deployments', {
    headers: { 'x-api-key': key },
    data: { service: 'shop-api', version: 'v9.9.9', ts: now - 90 * 60_000 },
  });
  expect(deploy.status(), await deploy.text()).toBe(201);
  await admin.dispose();
});

test('a member runs detection, reads the finding with its evidence, starts it and follows it to the route', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ storageState: storageState('member') });
  const page = await context.newPage();
  await page.goto(`/optimizer?project=${SLUG}`);
  await expect(page.getByRole('heading', { name: 'Optimizer', level: 1 })).toBeVisible();
  await expect(page.getByTestId('deployments')).toContainText('shop-api v9.9.9');

  await page.getByRole('button', { name: 'Run detection now' }).click();
  const card = page.getByTestId('recommendation').filter({ hasText: '/reports/[id]' });
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-detector', 'slow-route');
  await expect(card.getByRole('heading')).toHaveText(
    /^GET \/reports\/\[id\] answers in 2\.\d s at p95 \(goal 500 ms\)$/,
  );
  // Past the critical level (1 s), under an hour lost a day: high, 8 points off the score.
  await expect(card.getByText('high', { exact: true })).toBeVisible();
  await expect(card.getByTestId('impact')).toContainText('user-hours a day');
  // The fast health check is not a finding.
  await expect(page.getByTestId('recommendation').filter({ hasText: '/health' })).toHaveCount(0);
  await expect(page.getByTestId('count-high')).toHaveText('1');
  await expect(page.getByTestId('optimizer-score')).toHaveText('92');

  await card.getByText('Evidence and steps').click();
  await expect(card.getByText(/^Rule: p95 > the p95 goal's target \(500 ms\)/)).toBeVisible();
  await expect(card.getByRole('listitem').first()).toContainText('slowest kept requests');
  await page.screenshot({ path: testInfo.outputPath('optimizer-evidence.png'), fullPage: true });

  await card.getByRole('button', { name: 'Start' }).click();
  await expect(card.getByTestId('status')).toHaveText('In progress');
  await expect(card.getByRole('button', { name: 'Mark fixed' })).toBeVisible();

  await card.getByRole('link', { name: 'See the evidence' }).click();
  await expect(page).toHaveURL(/\/endpoints\/route\?/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('annotations').first()).toContainText('shop-api v9.9.9');
  await context.close();
});

test('a viewer reads the same findings with the changes disabled and the reason', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('viewer') });
  const page = await context.newPage();
  await page.goto(`/optimizer?project=${SLUG}`);
  const card = page.getByTestId('recommendation').filter({ hasText: '/reports/[id]' });
  await expect(card).toHaveCount(1);
  const fixed = card.getByRole('button', { name: 'Mark fixed' });
  await expect(fixed).toHaveAttribute('aria-disabled', 'true');
  await expect(fixed).toHaveAttribute('title', "Viewers cannot change recommendations or the optimizer's thresholds");
  await expect(page.getByRole('button', { name: 'Run detection now' })).toHaveAttribute('aria-disabled', 'true');
  await context.close();
});
