/**
 * The Web Vitals view on demo data, on a production server of its own, with beacons carrying
 * attribution sent through POST /api/v1/vitals as the tracker sends them: the cards show the
 * numbers the query API gives for the same period and percentile, the percentile selector
 * changes them and lives in the URL, the page route and device tables sort (also from the
 * keyboard) and filter, the worst pages show their attribution, the charts draw the thresholds;
 * quick successive filter changes all stay (URL, controls and numbers) without a server render,
 * and Back undoes them one by one; a project without vitals says how to add the tracker; the
 * query route refuses anonymous callers and malformed, oversized and hostile parameters, and
 * the page never fails on them.
 * Screenshots at 1280 px (light and dark) and 375 px (dark) go to test-results/web-vitals/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import type { WebVitals } from '../../lib/queries/web-vitals';
import { formatCount, formatPercent } from '../../lib/format/numbers';
import { formatVital } from '../../lib/format/vitals';
import { freshIp, noSidewaysScroll, sameOrigin, serverRenders, viewSettled } from '../helpers/e2e';
import { startAdminServer, type AdminServer, loadDemo, createEmptyProject } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'web-vitals');
const ADMIN = { email: 'vitals-admin@e2e.test', name: 'Val Vitals', password: 'vitals-admin-password-5c1e' };
const SHOP = 'https://shop.example';
const CHROME_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const WIDTHS = {
  desktop: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' as const },
  desktopDark: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' as const },
  mobile: { viewport: { width: 375, height: 740 }, colorScheme: 'dark' as const },
};
const VITALS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let app: AdminServer;
let baseURL: string;
let state: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startAdminServer('vitals', ADMIN, { TRUST_PROXY_HOPS: '1' });
  ({ baseURL, state } = app);
  const context = await playwrightRequest.newContext({ baseURL, storageState: state });
  await loadDemo(context, baseURL);
  await createEmptyProject(context, baseURL, 'Quiet', 'quiet');

  // The demo shop's pages send beacons with attribution, as the tracker does for vitals not rated good.
  const list = (await (await context.get('/api/v1/projects')).json()).projects as {
    id: string;
    slug: string;
    siteId: string;
  }[];
  const shop = list.find((p) => p.slug === 'demo')!;
  const patched = await context.patch(`/api/v1/projects/${shop.id}`, {
    headers: sameOrigin(baseURL),
    data: { allowedOrigins: [SHOP] },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  for (let i = 0; i < 12; i++) {
    const beacon = {
      site: shop.siteId,
      page: `page-${String(i).padStart(4, '0')}-vitals`,
      device: 'mobile',
      connection: '4g',
      events: [
        {
          name: 'LCP',
          value: 5_200 + i,
          path: '/search?q=shoes',
          route: '/search',
          attribution: { target: i < 9 ? 'main > img.hero' : 'h1.title', url: `${SHOP}/img/hero.jpg?v=${i}` },
        },
        {
          name: 'INP',
          value: 640,
          path: '/search?q=shoes',
          route: '/search',
          attribution: {
            target: 'button#apply-filters',
            interaction: 'pointer',
            inputDelay: 40 + i,
            processing: 420,
            presentation: 90,
          },
        },
        {
          name: 'CLS',
          value: 0.31,
          path: '/search?q=shoes',
          route: '/search',
          attribution: { target: 'div.ad-slot' },
        },
      ],
    };
    const sent = await context.post('/api/v1/vitals', {
      headers: { origin: SHOP, 'content-type': 'text/plain', 'user-agent': CHROME_UA, 'x-forwarded-for': freshIp() },
      data: JSON.stringify(beacon),
    });
    expect(sent.status(), await sent.text()).toBe(204);
  }
  await context.dispose();
});

test.afterAll(() => app?.dispose());

async function open(browser: Browser, url: string, width: (typeof WIDTHS)[keyof typeof WIDTHS] = WIDTHS.desktop) {
  const context = await browser.newContext({
    baseURL,
    storageState: state,
    viewport: width.viewport,
    colorScheme: width.colorScheme,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  const response = await page.goto(url);
  return { context, page, errors, status: response?.status() ?? 0 };
}

async function apiVitals(query: string): Promise<WebVitals> {
  const api = await playwrightRequest.newContext({ baseURL, storageState: state });
  const res = await api.get(`/api/v1/query/web-vitals?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()).webVitals as WebVitals;
  await api.dispose();
  return body;
}

/** The range and percentile the page was drawn for, so the API can be asked for the same. */
async function shownRange(page: Page) {
  const shown = page.getByTestId('range');
  await expect(shown).toBeVisible();
  return {
    from: (await shown.getAttribute('data-from'))!,
    to: (await shown.getAttribute('data-to'))!,
    percentile: (await shown.getAttribute('data-percentile'))!,
  };
}

const card = (page: Page, vital: string) => page.locator(`article[data-vital="${vital}"]`);

async function expectCards(page: Page, api: WebVitals) {
  for (const v of api.vitals) {
    const c = card(page, v.vital);
    await expect(c.getByTestId('vital-value')).toHaveText(formatVital(v.vital, v.value));
    // The rating in words (with an icon), never colour alone.
    await expect(c.locator('[data-rating]').first()).toHaveAttribute('data-rating', v.rating!);
    await expect(c.getByTestId('vital-thresholds')).toHaveText(
      `Good ≤ ${formatVital(v.vital, v.good)} · poor > ${formatVital(v.vital, v.poor)}`,
    );
    await expect(c.locator('[data-share="good"]')).toContainText(formatPercent(v.shares!.good));
    await expect(c.locator('[data-share="needs-improvement"]')).toContainText(
      formatPercent(v.shares!.needsImprovement),
    );
    await expect(c.locator('[data-share="poor"]')).toContainText(formatPercent(v.shares!.poor));
    await expect(c).toContainText(`${formatCount(v.count)} samples`);
  }
}

test('the cards show the numbers the query API gives for the same period and percentile', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/web-vitals');
  await expect(page.getByRole('heading', { level: 1, name: 'Web Vitals' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  const { from, to, percentile } = await shownRange(page);
  expect(percentile).toBe('p75');
  expect(Number(to) - Number(from)).toBe(86_400_000);
  const api = await apiVitals(`project=demo&from=${from}&to=${to}`);
  expect(api.vitals.every((v) => v.count > 100)).toBe(true);
  await expectCards(page, api);
  // The ratings are in words on the cards.
  await expect(card(page, 'LCP')).toContainText(/Good|Needs improvement|Poor/);
  await expect(page.getByTestId('score')).toContainText(String(api.score));
  await page.screenshot({ path: path.join(SHOTS, 'desktop.png'), fullPage: true });
  await noSidewaysScroll(page, 'the view at 1280 px');
  expect(errors).toEqual([]);
  await context.close();
});

test('the percentile selector changes the numbers and lives in the URL', async ({ browser }) => {
  const { context, page } = await open(browser, '/web-vitals');
  const group = page.getByRole('group', { name: 'Percentile' });
  await expect(group.getByRole('button', { name: 'p75' })).toHaveAttribute('aria-pressed', 'true');
  const before = await card(page, 'LCP').getByTestId('vital-value').innerText();
  await group.getByRole('button', { name: 'p95' }).click();
  await expect(page).toHaveURL(/[?&]percentile=p95/);
  await expect(group.getByRole('button', { name: 'p95' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('range')).toHaveAttribute('data-percentile', 'p95');
  const range = await shownRange(page);
  const p95 = await apiVitals(`project=demo&from=${range.from}&to=${range.to}&percentile=p95`);
  await expectCards(page, p95);
  expect(await card(page, 'LCP').getByTestId('vital-value').innerText()).not.toBe(before);
  await expect(card(page, 'LCP')).toContainText('p95');

  // Opened with the percentile in the URL, and back to p75 (the default leaves the URL).
  await page.goto('/web-vitals?percentile=p99&compare=1');
  await expect(group.getByRole('button', { name: 'p99' })).toHaveAttribute('aria-pressed', 'true');
  const r99 = await shownRange(page);
  expect(r99.percentile).toBe('p99');
  const p99 = await apiVitals(`project=demo&from=${r99.from}&to=${r99.to}&percentile=p99&compare=1`);
  await expectCards(page, p99);
  await expect(page.getByTestId('range')).toContainText('compared with');
  // The change against the period before is in words (sign and percentage).
  await expect(card(page, 'LCP')).toContainText(/[+−]\d|±0%|new/);
  await group.getByRole('button', { name: 'p75' }).click();
  await expect(page).not.toHaveURL(/percentile=/);
  await expect(page.getByTestId('range')).toHaveAttribute('data-percentile', 'p75');
  await context.close();
});

test('quick successive filter changes all stay: in the URL, the controls and the numbers; Back undoes the last', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/web-vitals');
  await expect(card(page, 'LCP').getByTestId('vital-value')).toBeVisible();
  const renders = serverRenders(page, '/web-vitals');
  const percentile = page.getByRole('group', { name: 'Percentile' });
  const device = page.getByRole('combobox', { name: 'Device' });
  const route = page.getByRole('combobox', { name: 'Page' });

  // Three choices about 300 ms apart, none waiting for the data of the one before.
  await percentile.getByRole('button', { name: 'p90' }).click();
  await page.waitForTimeout(300);
  await device.selectOption('mobile');
  await page.waitForTimeout(300);
  await route.selectOption('/search');

  await expect(page).toHaveURL(/[?&]percentile=p90(&|$)/);
  await expect(page).toHaveURL(/[?&]device=mobile(&|$)/);
  await expect(page).toHaveURL(/[?&]route=%2Fsearch(&|$)/);
  await expect(percentile.getByRole('button', { name: 'p90' })).toHaveAttribute('aria-pressed', 'true');
  await expect(device).toHaveValue('mobile');
  await expect(route).toHaveValue('/search');
  await viewSettled(page);
  await expect(page.getByTestId('range')).toHaveAttribute('data-percentile', 'p90');
  const routes = page.getByRole('table', { name: 'By page route' }).locator('tbody tr');
  const devices = page.getByRole('table', { name: 'By device' }).locator('tbody tr');
  await expect(routes).toHaveCount(1);
  await expect(routes).toHaveAttribute('data-key', '/search');
  await expect(devices).toHaveCount(1);
  await expect(devices).toHaveAttribute('data-key', 'mobile');
  const all = await shownRange(page);
  await expectCards(
    page,
    await apiVitals(`project=demo&from=${all.from}&to=${all.to}&percentile=p90&device=mobile&route=%2Fsearch`),
  );

  // Back: the page filter is undone, the other two stay, and the numbers follow.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]route=/);
  await expect(page).toHaveURL(/[?&]percentile=p90(&|$)/);
  await expect(page).toHaveURL(/[?&]device=mobile(&|$)/);
  await expect(route).toHaveValue('');
  await expect(device).toHaveValue('mobile');
  await expect(percentile.getByRole('button', { name: 'p90' })).toHaveAttribute('aria-pressed', 'true');
  await viewSettled(page);
  await expect(devices).toHaveCount(1);
  await expect.poll(() => routes.count()).toBeGreaterThan(1);
  const two = await shownRange(page);
  await expectCards(page, await apiVitals(`project=demo&from=${two.from}&to=${two.to}&percentile=p90&device=mobile`));
  // Back again: the device goes too; Forward brings it back.
  await page.goBack();
  await expect(device).toHaveValue('');
  await expect(percentile.getByRole('button', { name: 'p90' })).toHaveAttribute('aria-pressed', 'true');
  await page.goForward();
  await expect(device).toHaveValue('mobile');
  await viewSettled(page);
  await expect(devices).toHaveCount(1);

  // None of it rendered the page on the server again: the data came from the query route.
  expect(renders).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('the page route and device tables hold the API numbers, sort from the keyboard and filter', async ({
  browser,
}) => {
  const { context, page } = await open(browser, '/web-vitals');
  const range = await shownRange(page);
  const api = await apiVitals(`project=demo&from=${range.from}&to=${range.to}`);
  const routes = page.getByRole('table', { name: 'By page route' });
  const routeRows = routes.locator('tbody tr');
  await expect(routeRows).toHaveCount(api.byRoute.length);
  expect(api.byRoute.length).toBeGreaterThanOrEqual(6);
  // Worst score first, as the API ranks them.
  for (const [i, r] of api.byRoute.entries()) {
    const row = routeRows.nth(i);
    await expect(row).toHaveAttribute('data-key', r.key);
    await expect(row.locator('[data-column="samples"]')).toHaveText(formatCount(r.samples));
    await expect(row.locator('[data-column="score"]')).toHaveText(String(r.score));
    for (const v of VITALS)
      await expect(row.locator(`[data-column="${v}"] [data-value]`)).toHaveText(formatVital(v, r.vitals[v].value));
  }
  expect(api.byRoute[0]!.key).toBe('/search');

  // Sort by LCP from the keyboard: highest first, then lowest first.
  const header = (name: string) => routes.getByRole('columnheader', { name });
  await expect(header('Score')).toHaveAttribute('aria-sort', 'ascending');
  await header('LCP').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(header('LCP')).toHaveAttribute('aria-sort', 'descending');
  await expect(header('Score')).toHaveAttribute('aria-sort', 'none');
  const byLcp = [...api.byRoute].sort((a, b) => b.vitals.LCP.value! - a.vitals.LCP.value!);
  // By value: routes whose LCP falls in the same sketch bin tie, in either order.
  const firstLcp = routeRows.first().locator('[data-column="LCP"] [data-value]');
  await expect(firstLcp).toHaveText(formatVital('LCP', byLcp[0]!.vitals.LCP.value));
  await page.keyboard.press('Space');
  await expect(header('LCP')).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstLcp).toHaveText(formatVital('LCP', byLcp.at(-1)!.vitals.LCP.value));

  const devices = page.getByRole('table', { name: 'By device' });
  await expect(devices.locator('tbody tr')).toHaveCount(api.byDevice.length);
  expect(api.byDevice.map((d) => d.key).sort()).toEqual(['desktop', 'mobile', 'tablet']);
  for (const d of api.byDevice) {
    const row = devices.locator(`tbody tr[data-key="${d.key}"]`);
    await expect(row.locator('[data-column="samples"]')).toHaveText(formatCount(d.samples));
    await expect(row.locator('[data-column="LCP"] [data-value]')).toHaveText(formatVital('LCP', d.vitals.LCP.value));
  }

  // The device filter narrows every number, and stays in the URL.
  await page.getByRole('combobox', { name: 'Device' }).selectOption('desktop');
  await expect(page).toHaveURL(/[?&]device=desktop/);
  await expect(devices.locator('tbody tr')).toHaveCount(1);
  await expect(devices.locator('tbody tr')).toHaveAttribute('data-key', 'desktop');
  const desktop = await apiVitals(`project=demo&from=${range.from}&to=${range.to}&device=desktop`);
  const r2 = await shownRange(page);
  const desktopNow = await apiVitals(`project=demo&from=${r2.from}&to=${r2.to}&device=desktop`);
  await expectCards(page, desktopNow);
  expect(desktop.vitals[0]!.count).toBeLessThan(api.vitals[0]!.count);
  // And the page filter to one route.
  await page.getByRole('combobox', { name: 'Page' }).selectOption('/checkout');
  await expect(page).toHaveURL(/[?&]route=%2Fcheckout/);
  await expect(routes.locator('tbody tr')).toHaveCount(1);
  await expect(routes.locator('tbody tr')).toHaveAttribute('data-key', '/checkout');
  await context.close();
});

test('the worst pages show the element, resource and interaction the tracker attributed', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/web-vitals');
  const range = await shownRange(page);
  const api = await apiVitals(`project=demo&from=${range.from}&to=${range.to}`);
  const worst = page.getByRole('list', { name: 'Worst pages' });
  await expect(worst.locator(':scope > li')).toHaveCount(api.worstPages.length);
  const search = worst.locator('li[data-page="/search"]');
  await expect(search).toBeVisible();
  const lcp = search.locator('[data-attribution="LCP"]');
  await expect(lcp.getByTestId('target')).toHaveText('main > img.hero');
  await expect(lcp).toContainText('in 9');
  // Stored without its query string.
  await expect(lcp).toContainText(`${SHOP}/img/hero.jpg`);
  await expect(lcp).not.toContainText('?v=');
  const inp = search.locator('[data-attribution="INP"]');
  await expect(inp.getByTestId('target')).toHaveText('button#apply-filters');
  const phases = inp.getByRole('definition');
  await expect(inp).toContainText('pointer');
  // Input delays 40..51 ms: median 45.5; processing 420, presentation 90.
  await expect(phases.filter({ hasText: '45.5 ms' })).toHaveCount(1);
  await expect(phases.filter({ hasText: '420 ms' })).toHaveCount(1);
  await expect(phases.filter({ hasText: '90.0 ms' })).toHaveCount(1);
  await expect(search.locator('[data-attribution="CLS"]').getByTestId('target')).toHaveText('div.ad-slot');
  const fromApi = api.worstPages.find((p) => p.key === '/search')!;
  expect(fromApi.attribution.find((a) => a.vital === 'INP')!.phases).toEqual({
    inputDelay: 45.5,
    processing: 420,
    presentation: 90,
  });
  // Charts: one line per vital, with the good and poor thresholds as reference lines (alerts the
  // demo's default rules may fire are marked with lines of their own); histograms with bars.
  await expect(page.locator('[data-chart] .recharts-line')).toHaveCount(5);
  await expect(page.locator('[data-chart] .recharts-reference-line:not(.chart-annotation-line)')).toHaveCount(10);
  expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(20);
  await search.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'worst-pages-desktop.png') });
  expect(errors).toEqual([]);
  await context.close();
});

test('dark at 1280 px and at 375 px: nothing scrolls sideways but the tables inside their boxes', async ({
  browser,
}) => {
  const dark = await open(browser, '/web-vitals', WIDTHS.desktopDark);
  await expect(card(dark.page, 'LCP').getByTestId('vital-value')).toBeVisible();
  await expect(dark.page.locator('[data-chart] .recharts-line')).toHaveCount(5);
  await dark.page.screenshot({ path: path.join(SHOTS, 'desktop-dark.png'), fullPage: true });
  expect(dark.errors).toEqual([]);
  await dark.context.close();

  const mobile = await open(browser, '/web-vitals', WIDTHS.mobile);
  await expect(card(mobile.page, 'LCP').getByTestId('vital-value')).toBeVisible();
  await expect(mobile.page.locator('[data-chart] .recharts-line')).toHaveCount(5);
  await noSidewaysScroll(mobile.page, 'the view at 375 px');
  const box = mobile.page.getByRole('table', { name: 'By page route' }).locator('..');
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await mobile.page.screenshot({ path: path.join(SHOTS, 'mobile.png'), fullPage: true });
  expect(mobile.errors).toEqual([]);
  await mobile.context.close();
});

test('a project without vitals says how to add the tracker', async ({ browser }) => {
  for (const [name, width] of [
    ['desktop', WIDTHS.desktop],
    ['mobile', WIDTHS.mobile],
  ] as const) {
    const { context, page } = await open(browser, '/web-vitals?project=quiet', width);
    await expect(page.getByRole('heading', { name: 'No Web Vitals recorded for Quiet' })).toBeVisible();
    const snippet = page.getByLabel('Tracker snippet');
    await expect(snippet).toContainText(`<script defer src="${baseURL}/tracker.js" data-site="`);
    await expect(page.getByRole('link', { name: 'Settings → Projects' })).toHaveAttribute('href', '/settings/projects');
    await noSidewaysScroll(page, `the empty state at ${name}`);
    await page.screenshot({ path: path.join(SHOTS, `empty-${name}.png`), fullPage: true });
    await context.close();
  }
});

test('the query route refuses anonymous callers and bad parameters; the page never fails on them', async ({
  browser,
}) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get('/api/v1/query/web-vitals?project=demo')).status()).toBe(401);
  await anonymous.dispose();
  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const cases: [string, RegExp][] = [
    ['', /project/],
    ['project=', /project/],
    [`project=${'x'.repeat(5000)}`, /project.*too long/],
    ['project=demo&from=yesterday', /from/],
    ['project=demo&from=2000&to=1000', /from must be before to/],
    ['project=demo&from=0&to=99999999999999', /to/],
    ['project=demo&compare=maybe', /compare/],
    ['project=demo&percentile=p50', /percentile must be one of p75, p90, p95, p99/],
    ['project=demo&percentile=p75&percentile=p99', /percentile/],
    [`project=demo&percentile=${'p'.repeat(4000)}`, /percentile/],
    ['project=demo&device=phone', /device must be one of mobile, tablet, desktop/],
    ['project=demo&device=%3Cscript%3E', /device/],
    [`project=demo&route=${'/a'.repeat(200)}`, /route.*too long/],
    ['project=demo&route=%00', /route/],
    ['project=demo&route=', /route/],
    [`project=demo&${'z'.repeat(3000)}=1`, /unknown parameter/],
    ["project=demo&sql=1'%20OR%20'1'%3D'1", /sql: unknown parameter/],
    ['project=demo&tag.route=/search', /unknown parameter/],
  ];
  for (const [q, message] of cases) {
    const res = await admin.get(`/api/v1/query/web-vitals?${q}`);
    const body = await res.text();
    expect(res.status(), `${q.slice(0, 60)}: ${body.slice(0, 200)}`).toBe(422);
    const error = JSON.parse(body).error;
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(300);
  }
  expect((await admin.get('/api/v1/query/web-vitals?project=nowhere')).status()).toBe(404);
  const unknownRoute = await admin.get(
    `/api/v1/query/web-vitals?project=demo&route=${encodeURIComponent("/<script>/' OR 1=1")}`,
  );
  expect(unknownRoute.status()).toBe(200);
  expect((await unknownRoute.json()).webVitals.vitals.every((v: { count: number }) => v.count === 0)).toBe(true);
  await admin.dispose();

  // Hostile values in the page's URL fall back to the defaults; the page answers 200 and draws.
  const { context, page, status } = await open(
    browser,
    `/web-vitals?percentile=%3Cscript%3E&device=phone&route=${'%00'.repeat(3)}&period=custom&from=2000&to=1000&compare=maybe&project=%22%3E%3Cx`,
  );
  expect(status).toBe(200);
  await expect(page.getByRole('group', { name: 'Percentile' }).getByRole('button', { name: 'p75' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('');
  await expect(card(page, 'LCP').getByTestId('vital-value')).not.toHaveText('–');
  const unknown = await open(browser, `/web-vitals?route=${encodeURIComponent('/nowhere/<b>')}`);
  expect(unknown.status).toBe(200);
  await expect(unknown.page.getByText('No vitals match these filters in this period.')).toBeVisible();
  await unknown.context.close();
  await context.close();
});
