/**
 * The screenshot matrix: every page of the app at 1280 px in the light theme and at 375 px in
 * the dark one, each without sideways scroll or console errors, saved full-page as
 * test-results/screens/<page>-<width>.png to be looked at. It runs on the main browser-test
 * server, in a project of its own (`npx playwright test --project=screens`), after
 * tests/e2e/screens.setup.ts has given it a small project with a day of data. The behaviour of
 * each page is tested in its own spec; this one only draws them. Pages are independent tests,
 * spread over the workers.
 */
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { noSidewaysScroll, SCREENS_DIR, WIDTHS, type Width } from '../helpers/e2e';
import { openScreen, SCREENS, type Screen } from '../helpers/screens';

async function draw(browser: Browser, baseURL: string, screen: Screen, width: Width) {
  const { context, page, errors, label } = await openScreen(browser, baseURL, screen, width);
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
