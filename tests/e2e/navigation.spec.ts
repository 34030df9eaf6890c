import { expect, test, type Page } from '@playwright/test';
import { NAV } from '../../components/shell/nav';

/** Opens the mobile drawer when the sidebar is hidden (narrow screens). */
async function openNavigation(page: Page) {
  const menu = page.getByRole('button', { name: 'Open navigation' });
  if (await menu.isVisible()) await menu.click();
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  return errors;
}

test('every navigation link renders its view', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();

  for (const item of NAV) {
    await openNavigation(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item.label, exact: true }).click();
    await expect(page).toHaveURL(item.href === '/' ? /\/$/ : new RegExp(`${item.href}$`));
    await expect(page.getByRole('heading', { level: 1, name: item.label })).toBeVisible();
    await expect(page.getByText(item.summary)).toBeVisible();
    // The active link is marked for assistive technology, not only by colour.
    await openNavigation(page);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item.label, exact: true }),
    ).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Escape');
    const slug = item.href === '/' ? 'observatory' : item.href.slice(1);
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-${slug}.png`), fullPage: true });
  }
  expect(errors).toEqual([]);
});

test('views without a data source say so and show no numbers', async ({ page }) => {
  // The home reads what is stored (tests/e2e/demo.spec.ts), Endpoints reads request records
  // (tests/e2e/endpoints.spec.ts), Web Vitals the browser beacons (tests/e2e/web-vitals.spec.ts),
  // Alerts its rules (tests/e2e/alerts.spec.ts); settings have no metrics.
  const withData = new Set(['/', '/endpoints', '/web-vitals', '/alerts', '/settings']);
  for (const item of NAV.filter((n) => !withData.has(n.href))) {
    await page.goto(item.href);
    await expect(page.getByRole('heading', { name: `${item.label} is not available yet` })).toBeVisible();
    const text = await page.getByRole('main').innerText();
    // No metric-looking figures (ms, %, req/s) on a view that has no data.
    expect(text).not.toMatch(/\d+(\.\d+)?\s*(ms|%|req\/s)\b/);
  }
});

// Runs at both widths; the mobile project is the 375 px check.
test('no view scrolls horizontally', async ({ page }) => {
  for (const item of NAV) {
    await page.goto(item.href);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${item.href} overflows`).toBeLessThanOrEqual(0);
  }
});

test('navigation is reachable at every width: sidebar when wide, a drawer when narrow', async ({ page }, testInfo) => {
  await page.goto('/endpoints');
  const menu = page.getByRole('button', { name: 'Open navigation' });
  if (testInfo.project.name === 'desktop') {
    await expect(menu).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    return;
  }
  await expect(menu).toBeVisible();
  await menu.click();
  const drawer = page.getByRole('dialog', { name: 'Navigation' });
  await expect(drawer.getByRole('link', { name: 'Web Vitals' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mobile-drawer.png') });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});
