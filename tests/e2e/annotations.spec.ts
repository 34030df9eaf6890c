/**
 * Chart annotations and the time zone setting on a production server of their own, on the demo
 * shop: a rule that fires on its own data shows on the Observatory's two charts (a band with a
 * numbered line, listed below each chart with a link to the rule on the Alerts page) and on the
 * Web Vitals charts; switching the user's setting to the browser's zone changes the times shown
 * at once and on the next page the server renders, with no hydration warning, also when the zone
 * cookie is missing or hostile. Screenshots at 1280 px (light) and 375 px (dark) go to
 * test-results/annotations/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Browser, type BrowserContextOptions } from '@playwright/test';
import { sameOrigin } from '../helpers/e2e';
import { loadDemo, startAdminServer, type AdminServer } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'annotations');
const ADMIN = { email: 'annotations-admin@e2e.test', name: 'Anna Tate', password: 'annotations-admin-password-5e1b' };
const RULE = 'Checkout latency above zero';
/** UTC+5:30 all year: its label cannot be mistaken for another zone's, and no DST edge moves it. */
const ZONE = 'Asia/Kolkata';
/** How a browser names it: Chromium's ICU still calls it Asia/Calcutta. */
const ZONE_NAME = /^Asia\/(Kolkata|Calcutta)$/;
const DESKTOP = { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } as const;
const MOBILE = { viewport: { width: 375, height: 740 }, colorScheme: 'dark' } as const;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let app: AdminServer;
let baseURL: string;
let ruleId: string;

test.beforeAll(async () => {
  test.setTimeout(400_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  // Alerts evaluated every 5 s, so the rule fires within the test.
  app = await startAdminServer('annotations', ADMIN, { ALERTS_EVAL_INTERVAL_SECONDS: '5', TRUST_PROXY_HOPS: '1' });
  baseURL = app.baseURL;
  const api = await playwrightRequest.newContext({ baseURL, storageState: app.state });
  await loadDemo(api, baseURL);
  // p95 above 0 ms fires on any traffic, and with none too (no data counts as firing).
  const created = await api.post('/api/v1/projects/demo/alerts/rules', {
    headers: sameOrigin(baseURL),
    data: { name: RULE, severity: 'critical', statistic: 'p95', comparator: 'gt', threshold: 0, noData: 'alerting' },
  });
  expect(created.status(), await created.text()).toBe(201);
  ruleId = ((await created.json()) as { rule: { id: string } }).rule.id;
  await expect
    .poll(
      async () => {
        const { rules } = (await (await api.get('/api/v1/projects/demo/alerts/rules')).json()) as {
          rules: { id: string; state: string }[];
        };
        return rules.find((r) => r.id === ruleId)?.state;
      },
      { timeout: 60_000 },
    )
    .toBe('firing');
  await api.dispose();
});

test.afterAll(() => app?.dispose());

/** A signed-in page that records console errors and hydration warnings. */
async function open(browser: Browser, url: string, options: BrowserContextOptions = DESKTOP) {
  const context = await browser.newContext({ baseURL, storageState: app.state, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const hydration: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (/hydrat|did not match/i.test(msg.text())) hydration.push(msg.text());
    if (msg.type() === 'error') errors.push(msg.text());
  });
  const response = await page.goto(url);
  return { context, page, errors, hydration, html: (await response?.text()) ?? '' };
}

async function setPreference(timeZone: 'UTC' | 'browser') {
  const api = await playwrightRequest.newContext({ baseURL, storageState: app.state });
  const res = await api.patch('/api/v1/me/preferences', { headers: sameOrigin(baseURL), data: { timeZone } });
  expect(res.status()).toBe(200);
  await api.dispose();
}

test('a firing alert is marked on the Observatory charts, listed below them and linked to its rule', async ({
  browser,
}) => {
  const { context, page, errors, hydration } = await open(browser, '/');
  const latency = page.getByRole('region', { name: 'Latency percentiles over time' });
  const traffic = page.getByRole('region', { name: 'Throughput and errors over time' });
  for (const card of [latency, traffic]) {
    // The chart names its marks, the list below says what and when, and the band is drawn.
    await expect(card.getByRole('img', { name: /alerts? marked, listed below the chart/ })).toBeVisible();
    const list = card.getByRole('list', { name: 'Marked on the chart' });
    const item = list.getByRole('listitem').filter({ hasText: RULE });
    await expect(item).toContainText('critical alert');
    // Still firing, in UTC (the default).
    await expect(item).toContainText(/\d{1,2} [A-Z][a-z]{2}, \d\d:\d\d UTC – now/);
    await expect(item.getByRole('link', { name: new RegExp(RULE) })).toHaveAttribute(
      'href',
      new RegExp(`/alerts\\?project=[^&]+&rule=${ruleId}#rule-${ruleId}$`),
    );
    const band = card.locator(`g[data-annotation] title`).filter({ hasText: RULE });
    await expect(band).toHaveCount(1);
    await expect(band).toHaveText(new RegExp(`^\\d+\\. ${RULE}, critical alert, .* UTC – now$`));
    // The numbered line at its start.
    await expect(card.locator('.recharts-reference-line.chart-annotation-line')).not.toHaveCount(0);
  }

  await page.screenshot({ path: path.join(SHOTS, 'observatory-desktop.png'), fullPage: false });
  await latency.scrollIntoViewIfNeeded();
  await page
    .locator('main .grid')
    .filter({ has: latency })
    .screenshot({ path: path.join(SHOTS, 'charts-desktop.png') });

  // The link leads to the rule, marked on the Alerts page.
  await latency
    .getByRole('link', { name: new RegExp(RULE) })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/alerts\\?.*rule=${ruleId}`));
  await expect(page.locator(`#rule-${ruleId}`)).toContainText(RULE);
  await expect(page.locator(`#rule-${ruleId}`)).toBeInViewport();
  expect(errors).toEqual([]);
  expect(hydration).toEqual([]);
  await context.close();
});

test('the Web Vitals charts carry the same marks, and the API answers them', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/web-vitals');
  const lists = page.getByRole('list', { name: 'Marked on the chart' });
  await expect(lists.first()).toContainText(RULE);
  expect(await lists.count()).toBeGreaterThanOrEqual(5);
  const api = await context.request.get(
    `/api/v1/query/annotations?project=demo&from=${Date.now() - 3_600_000}&to=${Date.now()}`,
  );
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { annotations: { title: string; to: number | null }[] };
  expect(body.annotations.find((a) => a.title === RULE)).toMatchObject({ to: null });
  expect(errors).toEqual([]);
  await context.close();
});

test('the phone layout keeps the chart and its list readable', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/', MOBILE);
  const latency = page.getByRole('region', { name: 'Latency percentiles over time' });
  await expect(latency.getByRole('list', { name: 'Marked on the chart' })).toContainText(RULE);
  await latency.scrollIntoViewIfNeeded();
  await latency.screenshot({ path: path.join(SHOTS, 'chart-mobile-dark.png') });
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
  await context.close();
});

test('switching to the browser’s zone changes the times at once and on the server’s next render', async ({
  browser,
}) => {
  await setPreference('UTC');
  const { context, page, errors, hydration } = await open(browser, '/settings/account', {
    ...DESKTOP,
    timezoneId: ZONE,
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Your account' }),
  ).toHaveAttribute('aria-current', 'page');
  const created = page.getByTestId('account-created');
  await expect(created).toHaveText(/ UTC$/);
  const utc = page.getByRole('radio', { name: 'UTC' });
  const own = page.getByRole('radio', { name: "Your browser's time zone" });
  await expect(utc).toBeChecked();
  await expect(own).toHaveAccessibleDescription(/^Asia\/(Kolkata|Calcutta), UTC\+5:30 now/);
  await page.screenshot({ path: path.join(SHOTS, 'settings-desktop.png'), fullPage: true });

  await own.check();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
  await expect(created).toHaveText(/ UTC\+5:30$/);
  // The browser reported its zone for the server's next render.
  await expect
    .poll(async () => (await context.cookies()).find((c) => c.name === 'observatory.tz')?.value)
    .toMatch(ZONE_NAME);

  // The server renders the Observatory in that zone: the times are in the first HTML already.
  const response = await page.goto('/');
  expect(await response!.text()).toContain('UTC+5:30');
  const range = page.getByTestId('range');
  await expect(range).toHaveText(/UTC\+5:30/);
  const item = page
    .getByRole('region', { name: 'Latency percentiles over time' })
    .getByRole('list', { name: 'Marked on the chart' })
    .getByRole('listitem')
    .filter({ hasText: RULE });
  await expect(item).toContainText(/UTC\+5:30 – now/);
  await page.screenshot({ path: path.join(SHOTS, 'observatory-browser-zone-desktop.png') });

  // The custom period's inputs are that zone's wall-clock times: 5:30 ahead of UTC.
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Custom' }).click();
  const custom = page.getByRole('form', { name: 'Custom period' });
  await expect(custom.getByTestId('custom-zone')).toHaveText(/^Times in Asia\/(Kolkata|Calcutta) \(UTC\+5:30\)$/);
  const start = Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000;
  const wall = (ms: number) => new Date(ms + 5.5 * 3_600_000).toISOString().slice(0, 16);
  await custom.getByLabel('From').fill(wall(start));
  await custom.getByLabel('To').fill(wall(start + 2 * 3_600_000));
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${encodeURIComponent(new Date(start).toISOString())}`));
  await expect(page.getByTestId('range')).toHaveAttribute('data-from', String(start));
  expect(errors).toEqual([]);
  expect(hydration).toEqual([]);
  await context.close();
});

test('with the zone cookie missing or hostile the server renders UTC and the browser switches after, without a hydration warning', async ({
  browser,
}) => {
  await setPreference('browser');
  for (const cookie of [null, 'Europe/Atlantis', '"><script>alert(1)</script>', `Europe/${'A'.repeat(3000)}`]) {
    const context = await browser.newContext({ baseURL, storageState: app.state, ...DESKTOP, timezoneId: ZONE });
    await context.clearCookies({ name: 'observatory.tz' });
    if (cookie !== null) {
      await context.addCookies([{ name: 'observatory.tz', value: encodeURIComponent(cookie), url: baseURL }]);
    }
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /hydrat|did not match/i.test(msg.text())) problems.push(msg.text());
    });
    const response = await page.goto('/');
    const html = await response!.text();
    // The server knew no zone: its range line is in UTC.
    expect(html, String(cookie)).toMatch(/\d\d:\d\d UTC</);
    expect(html).not.toContain('UTC+5:30');
    // The browser then shows its own zone, and reports it.
    await expect(page.getByTestId('range')).toHaveText(/UTC\+5:30/);
    await expect
      .poll(async () => (await context.cookies()).find((c) => c.name === 'observatory.tz')?.value)
      .toMatch(ZONE_NAME);
    expect(problems, String(cookie)).toEqual([]);
    await context.close();
  }
});

test('the settings section on a phone, dark', async ({ browser }) => {
  await setPreference('browser');
  const { context, page, errors, hydration } = await open(browser, '/settings/account', {
    ...MOBILE,
    timezoneId: ZONE,
  });
  await expect(page.getByRole('radio', { name: "Your browser's time zone" })).toBeChecked();
  await expect(page.getByTestId('account-created')).toHaveText(/UTC\+5:30$/);
  await page.screenshot({ path: path.join(SHOTS, 'settings-mobile-dark.png'), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole('radio', { name: 'UTC' }).check();
  await expect(page.getByTestId('account-created')).toHaveText(/ UTC$/);
  const observatory = await page.goto('/');
  expect(await observatory!.text()).not.toContain('UTC+5:30');
  await expect(page.getByTestId('range')).toContainText(/\d\d:\d\d UTC\b(?!\+)/);
  await page.getByRole('region', { name: 'Latency percentiles over time' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'observatory-mobile-dark.png') });
  expect(errors).toEqual([]);
  expect(hydration).toEqual([]);
  await context.close();
});
