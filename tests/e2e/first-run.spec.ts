/**
 * The first-run setup, on the second server, which starts with no user: every page leads to
 * setup; bad input is refused with the reason; the first account is an admin and is signed in;
 * afterwards setup is closed for good. The setup page passes the accessibility check in both themes.
 */
import { expect, type Page, request as playwrightRequest, test } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { freshIp, recordSecret, sameOrigin, WIDTHS } from '../helpers/e2e';

/** The form's error message (Next.js's route announcer is an empty alert too). */
const formError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

test.use({ extraHTTPHeaders: { 'x-forwarded-for': freshIp() } });

test('creates the first admin once', async ({ page, baseURL }, testInfo) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Observatory' })).toBeVisible();

  // Light at 1280 px and dark at 375 px, as every other page is drawn and checked
  // (tests/e2e/screens.spec.ts): no sideways scroll, no serious
  // accessibility violation.
  for (const { viewport, colorScheme, name } of WIDTHS) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome to Observatory' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`${name}-setup.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, `the setup page at ${viewport.width} px`);
  }

  const password = 'first-admin-password-2d71';
  recordSecret(password);
  await page.getByLabel('Name').fill('Grace Admin');
  await page.getByLabel('Email').fill('not an email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  // Each problem next to its field, in plain words, and the field marked invalid.
  await expect(page.getByText('Email is not a valid address')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Password must be at least 12 characters')).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Name')).not.toHaveAttribute('aria-invalid');

  await page.getByLabel('Email').fill('grace@e2e.test');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(`${password}x`);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await expect(page.getByLabel('Confirm password')).toHaveAttribute('aria-invalid', 'true');
  await expect(formError(page)).toHaveCount(0);

  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.user).toMatchObject({ email: 'grace@e2e.test', role: 'admin' });

  // Closed for good: the page leads away and the API refuses, whoever asks.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
  const anon = await playwrightRequest.newContext({ baseURL });
  const again = await anon.post('/api/setup', {
    headers: sameOrigin(baseURL!),
    data: { email: 'mallory@e2e.test', name: 'Mallory', password: 'another long password' },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe('setup_complete');
  await anon.dispose();
});
