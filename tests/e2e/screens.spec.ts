/**
 * The screenshot matrix and the automated accessibility check, on every page of the app at 1280 px
 * in the light theme and at 375 px in the dark one (contrast differs by theme): each page without
 * sideways scroll or console errors, saved full-page as test-results/screens/<page>-<width>.png to
 * be looked at, then axe-core's WCAG 2.0/2.1 A and AA rules with no serious or critical violation,
 * on the page as it opens and on what a user opens on it (the navigation drawer on a phone, the
 * custom period form, the alert rule form and a channel's delivery log, a project's edit form and
 * its delete question). One visit per page and width does both. It runs on the main browser-test
 * server, in a project of its own (`npx playwright test --project=screens`), after
 * tests/e2e/screens.setup.ts has given it a small project with a day of data; the first-run page,
 * reachable only on a server without users, is checked in tests/e2e/first-run.spec.ts. The
 * behaviour of each page is tested in its own spec; this one only draws and checks them. Pages are
 * independent tests, spread over the workers.
 */
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { MOBILE, noSidewaysScroll, SCREENS_DIR, WIDTHS, type Width } from '../helpers/e2e';
import { openScreen, SCREENS, type Screen } from '../helpers/screens';

/**
 * What is opened on a page and checked in turn, after the page as it opens: only what `part`
 * selects, the rest of the page being checked already; with `phone`, at 375 px only.
 */
type Opened = { name: string; part: string; phone?: boolean; open: (page: Page) => Promise<void> };
const OPENED: Record<string, Opened[]> = {
  observatory: [
    {
      name: 'the custom period form',
      part: 'form[aria-label="Custom period"]',
      open: async (page) => {
        await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Custom' }).click();
        await expect(page.getByRole('form', { name: 'Custom period' })).toBeVisible();
      },
    },
  ],
  alerts: [
    {
      name: 'the new rule form',
      part: 'form[aria-label="New rule"]',
      open: async (page) => {
        await page.getByRole('button', { name: 'New rule' }).click();
        await expect(page.getByRole('form', { name: 'New rule' })).toBeVisible();
      },
    },
    {
      name: 'a channel’s delivery log',
      part: 'ul[aria-label="Deliveries of Team mail"]',
      open: async (page) => {
        await page.getByRole('region', { name: 'Channels' }).getByRole('button', { name: 'Delivery log' }).click();
        await expect(page.getByRole('button', { name: 'Hide log' })).toBeVisible();
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      },
    },
  ],
  'settings-projects': [
    {
      name: 'the delete question',
      part: 'dialog[open]',
      open: async (page) => {
        await page.getByRole('button', { name: 'Delete project Screens shop' }).click();
        await expect(page.getByRole('dialog', { name: /Delete the project/ })).toBeVisible();
      },
    },
    {
      name: 'the project’s edit form',
      part: 'form[aria-label="Edit Screens shop"]',
      open: async (page) => {
        // The question above, answered no first.
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
        const project = page.getByRole('article', { name: 'Screens shop' });
        await project.getByRole('button', { name: 'Edit project Screens shop' }).click();
        await expect(project.getByRole('button', { name: 'Save changes' })).toBeVisible();
      },
    },
  ],
};

// The phone's navigation drawer, the same on every page: checked on the first.
OPENED[SCREENS[0]!.name]!.push({
  name: 'the navigation drawer',
  part: '[role="dialog"][aria-label="Navigation"]',
  phone: true,
  open: async (page) => {
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect(page.getByRole('dialog', { name: 'Navigation' })).toBeVisible();
  },
});

async function check(page: Page, label: string, width: Width, opened: Opened[]) {
  await expectAccessible(page, label);
  for (const { name, part, phone, open } of opened) {
    if (phone && width !== MOBILE) continue;
    await open(page);
    await expect(page.locator(part), `${name} is what ${part} selects`).toBeVisible();
    await expectAccessible(page, `${label}, ${name} open`, part);
  }
}

async function draw(browser: Browser, baseURL: string, screen: Screen, width: Width) {
  const { context, page, errors, label } = await openScreen(browser, baseURL, screen, width);
  await noSidewaysScroll(page, label);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${screen.name}-${width.viewport.width}.png`), fullPage: true });
  expect(errors, label).toEqual([]);
  await check(page, label, width, OPENED[screen.name] ?? []);
  await context.close();
}

for (const screen of SCREENS) {
  test(`${screen.name}: at 1280 px light and 375 px dark, drawn and accessible`, async ({ browser, baseURL }) => {
    for (const width of WIDTHS) await draw(browser, baseURL!, screen, width);
  });
}
