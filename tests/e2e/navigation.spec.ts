/**
 * Navigation at both widths: every link of the sidebar (1280 px) and of the drawer (375 px, dark)
 * renders its view, marked as the current one, and no view scrolls sideways; views without a
 * data source say so. The 375 px checks open a phone-sized browser context of their own.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { NAV } from '../../components/shell/nav';
import { MOBILE, noSidewaysScroll, storageState } from '../helpers/e2e';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  return errors;
}

/** The signed-in admin on a phone: 375 px wide, dark. */
async function onPhone(browser: Browser, baseURL: string) {
  const context = await browser.newContext({
    baseURL,
    storageState: storageState('admin'),
    viewport: MOBILE.viewport,
    colorScheme: MOBILE.colorScheme,
  });
  return { context, page: await context.newPage() };
}

const slugOf = (href: string) => (href === '/' ? 'observatory' : href.slice(1));
const mainNav = (within: Page | Locator) => within.getByRole('navigation', { name: 'Main' });

test('every link of the sidebar renders its view, and none scrolls sideways', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeHidden();

  for (const item of NAV) {
    await mainNav(page).getByRole('link', { name: item.label, exact: true }).click();
    await expect(page).toHaveURL(item.href === '/' ? /\/$/ : new RegExp(`${item.href}$`));
    await expect(page.getByRole('heading', { level: 1, name: item.label })).toBeVisible();
    await expect(page.getByText(item.summary)).toBeVisible();
    // The active link is marked for assistive technology, not only by colour.
    await expect(mainNav(page).getByRole('link', { name: item.label, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await noSidewaysScroll(page, item.href);
    await page.screenshot({ path: testInfo.outputPath(`desktop-${slugOf(item.href)}.png`), fullPage: true });
  }
  expect(errors).toEqual([]);
});

test('at 375 px every view is reached through the drawer, and none scrolls sideways', async ({ browser, baseURL }) => {
  const { context, page } = await onPhone(browser, baseURL!);
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();
  const menu = page.getByRole('button', { name: 'Open navigation' });
  const drawer = page.getByRole('dialog', { name: 'Navigation' });

  for (const item of NAV) {
    await menu.click();
    await mainNav(drawer).getByRole('link', { name: item.label, exact: true }).click();
    // The drawer closes on the way.
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(item.href === '/' ? /\/$/ : new RegExp(`${item.href}$`));
    await expect(page.getByRole('heading', { level: 1, name: item.label })).toBeVisible();
    await expect(page.getByText(item.summary)).toBeVisible();
    await menu.click();
    await expect(mainNav(drawer).getByRole('link', { name: item.label, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await noSidewaysScroll(page, `${item.href} at 375 px`);
  }
  expect(errors).toEqual([]);
  await context.close();
});

test('the drawer holds the account and the theme: a choice there applies and survives a reload', async ({
  browser,
  baseURL,
}, testInfo) => {
  const { context, page } = await onPhone(browser, baseURL!);
  await page.goto('/endpoints');
  // No sidebar on a phone: a menu button instead.
  await expect(mainNav(page)).toHaveCount(0);
  const menu = page.getByRole('button', { name: 'Open navigation' });
  await menu.click();
  const drawer = page.getByRole('dialog', { name: 'Navigation' });
  await expect(drawer.getByRole('link', { name: 'Web Vitals' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mobile-drawer.png') });

  // The phone prefers dark; light chosen in the drawer wins, also after a reload.
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await drawer.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await menu.click();
  await expect(drawer.getByRole('radio', { name: 'Light theme' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await context.close();
});

test('views without a data source say so and show no numbers', async ({ page }) => {
  // The home reads what is stored (tests/e2e/demo.spec.ts), Endpoints reads request records
  // (tests/e2e/endpoints.spec.ts), Web Vitals the browser beacons (tests/e2e/web-vitals.spec.ts),
  // Alerts its rules (tests/e2e/alerts.spec.ts), the Optimizer its findings (tests/e2e/optimizer.spec.ts);
  // settings have no metrics.
  const withData = new Set(['/', '/endpoints', '/web-vitals', '/alerts', '/optimizer', '/settings']);
  for (const item of NAV.filter((n) => !withData.has(n.href))) {
    await page.goto(item.href);
    await expect(page.getByRole('heading', { name: `${item.label} is not available yet` })).toBeVisible();
    const text = await page.getByRole('main').innerText();
    // No metric-looking figures (ms, %, req/s) on a view that has no data.
    expect(text).not.toMatch(/\d+(\.\d+)?\s*(ms|%|req\/s)\b/);
  }
});
