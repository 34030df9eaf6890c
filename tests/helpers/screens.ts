/**
 * The app's pages as the screenshot matrix and its accessibility check (tests/e2e/screens.spec.ts)
 * open them: every page, on the main browser-test server, with the
 * project tests/e2e/screens.setup.ts gave it, each opened in a fresh browser context at a width
 * and waited for until it has drawn its data.
 */
import fs from 'node:fs';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { screensSetupFile, storageState, viewSettled, type ScreensSetup, type Width } from './e2e';

/** Written by tests/e2e/screens.setup.ts, which runs first (the `screens-setup` project). */
let setup: ScreensSetup | undefined;
export function made(): ScreensSetup {
  setup ??= JSON.parse(fs.readFileSync(screensSetupFile(), 'utf8')) as ScreensSetup;
  return setup;
}

export type Screen = {
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

export const SCREENS: Screen[] = [
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
  {
    name: 'optimizer',
    path: () => `/optimizer?project=${made().slug}`,
    heading: 'Optimizer',
    ready: (page) => page.getByTestId('recommendation').first(),
  },
  ...['scaling', 'cache', 'reports'].map((name) => ({
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

export function screen(name: string): Screen {
  const found = SCREENS.find((s) => s.name === name);
  if (!found) throw new Error(`No screen named ${name}`);
  return found;
}

/**
 * Opens `screen` at `width` in a context of its own (signed in as the admin unless the page is
 * public) and waits until it has drawn its data. `errors` collects the page's errors from the start.
 */
export async function openScreen(
  browser: Browser,
  baseURL: string,
  screen: Screen,
  width: Width,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; label: string }> {
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
  return { context, page, errors, label };
}
