import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('a fresh install migrated its embedded database and reports healthy', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['x-response-time']).toMatch(/ms$/);
  // The browser suites run two instances sharing Redis (playwright.config.ts).
  expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', provider: 'sqlite', redis: 'ok' });
  expect(fs.existsSync(path.join(process.env.E2E_DATA_DIR!, 'observatory.db'))).toBe(true);
});

test('settings shows the live system status', async ({ page }, testInfo) => {
  await page.goto('/settings');
  const status = page.getByRole('region', { name: 'System status' });
  await expect(status.getByText('SQLite (embedded)')).toBeVisible();
  await expect(status.locator('dd').first()).toHaveText('ok');
  await expect(status.getByText('not configured')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-status.png`), fullPage: true });
});

test('settings lists the background jobs, each run here, where no other instance shares the database', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/settings');
  const jobs = page.getByRole('region', { name: 'Background jobs' });
  const names = [
    'compaction every 1 min',
    'fold every 5 s',
    'retention every 1 h',
    'alerts every 5 s',
    'optimizer every 15 min',
  ];
  for (const job of [...names, 'demo-live every 1 min']) await expect(jobs.getByText(job)).toBeVisible();
  // The page shows the leases as they were when it was made: reload until every job has had its first turn
  // (the minute jobs take theirs within a minute of the server's start).
  await expect(async () => {
    await page.reload();
    await expect(jobs.getByText(/^(last ran|running) on this instance$/)).toHaveCount(names.length + 1, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 120_000 });
});

test('the theme switch applies and survives a reload', async ({ page }) => {
  // In the sidebar; the drawer's switch on a phone: tests/e2e/navigation.spec.ts.
  await page.goto('/');
  const theme = page.getByRole('radiogroup', { name: 'Theme' });

  await theme.getByRole('radio', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);

  await theme.getByRole('radio', { name: 'Light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
});

test('an unknown page answers 404 inside the app', async ({ page }) => {
  const res = await page.goto('/no-such-view');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to Observatory' })).toBeVisible();
});
