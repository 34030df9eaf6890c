/**
 * Shared pieces of the browser suites: the admin the main server creates at start, where each
 * role's signed-in state is kept, and a record of every secret the tests were shown, so the
 * last suite can check that none of them reached a server log.
 */
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-7f3a9c' };
export const STORAGE_DIR = path.resolve(import.meta.dirname, '../../test-results/e2e/.auth');

export const ROLE_USERS = {
  member: { email: 'member@e2e.test', name: 'Mia Member', password: 'e2e-member-password-41d0' },
  viewer: { email: 'viewer@e2e.test', name: 'Victor Viewer', password: 'e2e-viewer-password-8b2e' },
} as const;

export function storageState(role: 'admin' | 'member' | 'viewer'): string {
  return path.join(STORAGE_DIR, `${role}.json`);
}

/** A client address of its own for this test (the servers trust one proxy hop). */
export function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@e2e.test`;
}

/** Headers of a same-origin browser request to `baseURL`, from its own client address. */
export function sameOrigin(baseURL: string, ip = freshIp()): Record<string, string> {
  return { origin: new URL(baseURL).origin, 'x-forwarded-for': ip };
}

/** Remembers a secret the app showed, for tests/e2e/logs.spec.ts. */
export function recordSecret(value: string): void {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set (it is set by playwright.config.ts)');
  fs.appendFileSync(path.join(dir, 'secrets.txt'), `${value}\n`);
}

export function recordedSecrets(): string[] {
  const file = path.join(process.env.E2E_DATA_DIR ?? '', 'secrets.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Signs in through the API; returns the response. */
export async function signIn(
  request: APIRequestContext,
  baseURL: string,
  credentials: { email: string; password: string },
  ip = freshIp(),
) {
  return request.post('/api/auth/sign-in/email', {
    headers: sameOrigin(baseURL, ip),
    data: { email: credentials.email, password: credentials.password },
  });
}

/**
 * Requests from now on that render `path` on the server: a document, or the router's fetch of a
 * page (not a link's prefetch). A view change made in place must cause none.
 */
export function serverRenders(page: Page, path: string): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname !== path) return;
    const headers = req.headers();
    if (req.resourceType() === 'document' || (headers['rsc'] === '1' && !headers['next-router-prefetch']))
      seen.push(`${url.pathname}${url.search}`);
  });
  return seen;
}

/**
 * Waits until a view shows the data of its controls' choices: after a change the previous data
 * stays on screen, marked busy, until the new data arrives.
 */
export async function viewSettled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByTestId('range')).not.toContainText('updating');
}

/** The widths every page is drawn at: a laptop in the light theme and a phone in the dark one. */
export const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 }, colorScheme: 'light' } as const;
export const MOBILE = { name: 'mobile', viewport: { width: 375, height: 740 }, colorScheme: 'dark' } as const;
export const WIDTHS = [DESKTOP, MOBILE] as const;
export type Width = (typeof WIDTHS)[number];

/**
 * Fails when the page scrolls sideways, naming the outermost element that reaches past the
 * window's right edge outside any scroll box (a table scrolling inside its own box is fine).
 * Retried for a moment: a width just set may still be laying out.
 */
export async function noSidewaysScroll(page: Page, label: string): Promise<void> {
  await expect(async () => {
    const { overflow, widest } = await page.evaluate(() => {
      // An absolutely positioned element escapes a scroll box that is not positioned.
      const clipped = (el: Element) => {
        const escapes = getComputedStyle(el).position === 'absolute';
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX !== 'visible' && (!escapes || style.position !== 'static')) return true;
        }
        return false;
      };
      const past = [...document.querySelectorAll('body *')].filter(
        (el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el),
      );
      const outer = past.find((el) => !past.includes(el.parentElement!));
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        widest: outer ? `${outer.tagName.toLowerCase()}.${outer.className}`.slice(0, 160) : null,
      };
    });
    expect(overflow, `${label} scrolls sideways (${widest})`).toBeLessThanOrEqual(0);
  }).toPass({ timeout: 10_000 });
}

/**
 * The page as a test left it fits its own width and a phone's: the window narrows to 375 px for
 * the check and widens back. The same page, so what it shows (a key shown once, an open form)
 * is what is measured, which a new browser context could not reproduce.
 */
export async function fitsBothWidths(page: Page, label: string): Promise<void> {
  const size = page.viewportSize();
  await noSidewaysScroll(page, `${label} at ${size?.width ?? '?'} px`);
  await page.setViewportSize(MOBILE.viewport);
  try {
    await noSidewaysScroll(page, `${label} at ${MOBILE.viewport.width} px`);
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** Where the screenshot matrix (tests/e2e/screens.spec.ts) saves its PNGs. */
export const SCREENS_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');

/** What tests/e2e/screens.setup.ts leaves for the matrix: its project, a route's page, a share link. */
export type ScreensSetup = { slug: string; routePath: string; requestPath: string; sharePath: string };

export function screensSetupFile(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set (it is set by playwright.config.ts)');
  return path.join(dir, 'screens.json');
}
