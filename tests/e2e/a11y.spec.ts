/**
 * The automated accessibility check: axe-core's WCAG 2.0/2.1 A and AA rules on every page of the
 * app, at 1280 px in the light theme and at 375 px in the dark one (contrast differs by theme),
 * with no serious or critical violation. Besides each page as it opens, what a user opens on it
 * is checked too: the navigation drawer on a phone, the custom period form, the alert rule form
 * and a channel's delivery log, a project's edit form and its delete question. It runs in the
 * `a11y` project, after tests/e2e/screens.setup.ts has given the main server a project with data;
 * the first-run page, reachable only on a server without users, is checked in
 * tests/e2e/first-run.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { MOBILE, WIDTHS, type Width } from '../helpers/e2e';
import { openScreen, SCREENS } from '../helpers/screens';

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

for (const screen of SCREENS) {
  test(`${screen.name}: no serious violation at 1280 px light and 375 px dark`, async ({ browser, baseURL }) => {
    for (const width of WIDTHS) {
      const { context, page, label } = await openScreen(browser, baseURL!, screen, width);
      await check(page, label, width, OPENED[screen.name] ?? []);
      await context.close();
    }
  });
}
