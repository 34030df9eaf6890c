/**
 * The screenshot matrix: every page of the app at 1280 px in the light theme and at 375 px in
 * the dark one, each without sideways scroll or console errors, saved full-page as
 * test-results/screens/<page>-<width>.png to be looked at. It runs on the main browser-test
 * server, in a project of its own (`npx playwright test --project=screens`), after
 * tests/e2e/screens.setup.ts has given it a small project with a day of data. The behaviour of
 * each page is tested in its own spec; this one only draws them. Pages are independent tests,
 * spread over the workers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import {
  noSidewaysScroll,
  SCREENS_DIR,
  screensSetupFile,
  storageState,
  viewSettled,
  WIDTHS,
  type ScreensSetup,
  type Width,
} from '../helpers/e2e';

/** Written by tests/e2e/screens.setup.ts, which runs first (the `screens-setup` project). */
let setup: ScreensSetup | undefined;
function made(): ScreensSetup {
  setup ??= JSON.parse(fs.readFileSync(screensSetupFile(), 'utf8')) as ScreensSetup;
  return setup;
}

type Screen = {
  name: string;
  /** The address, read when the test runs (some come from tests/e2e/screens.setup.ts). */
  path: () => string;
  heading: string | RegExp;
  /** What shows the page has drawn its data, besides the heading. */
  ready?: (page: Page) => Locator;
  /** A view of the project's data over a period: drawn once its data has arrived (viewSettled). */
  view?: boolean;
  /** Seen without signing in. */
  anonymous?: boolean;
};

const SCREENS: Screen[] = [
  {
    name: 'observatory',
    view: true,
    path: () => `/?project=${made().slug}`,
    heading: 'Observatory',
    ready: (page) => page.getByRole('img', { name: /^Requests per second/ }),
  },
  {
    name: 'endpoints',
    view: true,
    path: () => `/endpoints?project=${made().slug}`,
    heading: 'Endpoints',
    ready: (page) => page.getByRole('table').locator('tbody tr').first(),
  },
  {
    name: 'endpoint',
    view: true,
    path: () => made().routePath,
    heading: 'Route',
    ready: (page) => page.getByLabel('Summary'),
  },
  {
    name: 'request',
    path: () => made().requestPath,
    heading: 'Request',
    ready: (page) => page.getByTestId('request-compared'),
  },
  {
    name: 'web-vitals',
    view: true,
    path: () => `/web-vitals?project=${made().slug}`,
    heading: 'Web Vitals',
    ready: (page) => page.getByTestId('vital-value').first(),
  },
  {
    name: 'alerts',
    path: () => `/alerts?project=${made().slug}`,
    heading: 'Alerts',
    ready: (page) => page.getByRole('region', { name: 'Channels' }).getByText('Team mail'),
  },
  ...['optimizer', 'scaling', 'cache', 'reports'].map((name) => ({
    name,
    path: () => `/${name}`,
    heading: name[0]!.toUpperCase() + name.slice(1),
  })),
  {
    name: 'settings-system',
    path: () => '/settings',
    heading: 'Settings',
    ready: (page) => page.getByRole('region', { name: 'System status' }).getByText('SQLite (embedded)'),
  },
  {
    name: 'settings-projects',
    path: () => '/settings/projects',
    heading: 'Projects',
    ready: (page) => page.getByRole('article', { name: 'Screens shop' }),
  },
  {
    name: 'settings-users',
    path: () => '/settings/users',
    heading: 'Users',
    ready: (page) => page.getByText('admin@e2e.test').last(),
  },
  {
    name: 'settings-audit',
    path: () => '/settings/audit',
    heading: 'Audit log',
    ready: (page) => page.getByRole('table').getByText('user.sign-in').first(),
  },
  { name: 'settings-account', path: () => '/settings/account', heading: 'Your account' },
  { name: 'sign-in', path: () => '/sign-in', heading: 'Sign in', anonymous: true },
  { name: 'share', path: () => made().sharePath, heading: 'Screens shop', anonymous: true },
];

async function draw(browser: Browser, baseURL: string, screen: Screen, width: Width) {
  const context = await browser.newContext({
    baseURL,
    storageState: screen.anonymous ? { cookies: [], origins: [] } : storageState('admin'),
    viewport: width.viewport,
    colorScheme: width.colorScheme,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  const label = `${screen.name} at ${width.viewport.width} px`;

  const res = await page.goto(screen.path());
  expect(res?.status(), label).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
  if (screen.ready) await expect(screen.ready(page)).toBeVisible();
  if (screen.view) {
    await viewSettled(page);
    // Drawn as a user sees it once the live updates are connected.
    await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'live');
  } else await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  await noSidewaysScroll(page, label);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${screen.name}-${width.viewport.width}.png`), fullPage: true });
  expect(errors, label).toEqual([]);
  await context.close();
}

for (const screen of SCREENS) {
  test(`${screen.name}: at 1280 px light and 375 px dark`, async ({ browser, baseURL }) => {
    for (const width of WIDTHS) await draw(browser, baseURL!, screen, width);
  });
}
