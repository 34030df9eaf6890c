/**
 * The Endpoints view and the route page on demo data, on a production server of its own: the
 * table lists the demo's routes with the numbers the query API gives for the same period,
 * sorts by each column (also from the keyboard), filters by service and method, compares with
 * the period before, keeps the order, filters and project in the URL and changes them in place
 * (Back restores them); the route page draws its charts; a project without requests says how to
 * send them; the query routes refuse anonymous callers and malformed, oversized and hostile
 * parameters. Screenshots at 1280 px (light) and 375 px (dark) go to test-results/endpoints/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import type { Endpoints } from '../../lib/queries/endpoints';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatSpent,
  HIGH_ERROR_RATE,
  MIN_COMPARE_SAMPLES,
} from '../../lib/format/numbers';
import { DESKTOP, MOBILE, noSidewaysScroll, serverRenders, viewSettled, WIDTHS, type Width } from '../helpers/e2e';
import { startAdminServer, type AdminServer, loadDemo, createEmptyProject } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'endpoints');
const ADMIN = { email: 'endpoints-admin@e2e.test', name: 'Eve Endpoints', password: 'endpoints-admin-password-3d8f' };

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let app: AdminServer;
let baseURL: string;
let state: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startAdminServer('endpoints', ADMIN, { TRUST_PROXY_HOPS: '1' });
  ({ baseURL, state } = app);
  const context = await playwrightRequest.newContext({ baseURL, storageState: state });
  // Two days of the demo shop (so the 24-hour period has a period before it), and a project without data.
  await loadDemo(context, baseURL);
  await createEmptyProject(context, baseURL, 'Quiet', 'quiet');
  await context.dispose();
});

test.afterAll(() => app?.dispose());

async function open(browser: Browser, url: string, width: Width = DESKTOP) {
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
  await page.goto(url);
  return { context, page, errors };
}

async function apiEndpoints(query: string): Promise<Endpoints> {
  const api = await playwrightRequest.newContext({ baseURL, storageState: state });
  const res = await api.get(`/api/v1/query/endpoints?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()).endpoints as Endpoints;
  await api.dispose();
  return body;
}

/** The range the table was drawn for, so the API can be asked for the same one. */
async function tableRange(page: Page): Promise<{ from: string; to: string }> {
  const table = page.getByRole('table');
  return { from: (await table.getAttribute('data-from'))!, to: (await table.getAttribute('data-to'))! };
}

const rows = (page: Page) => page.getByRole('table').locator('tbody tr');
/** The methods of the routes the table shows, each once, in order. */
const shownMethods = (page: Page) =>
  rows(page).evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-method')))].sort());

test('the table lists the demo routes with the numbers the query API gives for the same period', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/endpoints');
  await expect(page.getByRole('heading', { level: 1, name: 'Endpoints' })).toBeVisible();
  // The default project is the first with data that is not Observatory's own.
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  await expect(rows(page).first()).toBeVisible();
  const { from, to } = await tableRange(page);
  const api = await apiEndpoints(`project=demo&from=${from}&to=${to}`);
  expect(api.endpoints.length).toBeGreaterThan(10);
  await expect(rows(page)).toHaveCount(api.endpoints.length);
  // Most time spent first, as the API orders them; each figure as the API has it.
  const total = api.endpoints.reduce((n, e) => n + e.time, 0);
  for (const [i, e] of api.endpoints.slice(0, 3).entries()) {
    const row = rows(page).nth(i);
    await expect(row).toHaveAttribute('data-route', e.route);
    await expect(row.locator('[data-column="time"]')).toHaveText(
      `${formatSpent(e.time)}${formatPercent(e.time / total)} of all time spent`,
    );
    await expect(row.locator('[data-column="requests"]')).toHaveText(formatCount(e.requests));
    await expect(row.locator('[data-column="p95"]')).toHaveText(formatMs(e.p95));
    const high = e.errorRate !== null && e.errorRate >= HIGH_ERROR_RATE;
    await expect(row.locator('[data-column="errorRate"]')).toHaveText(
      `${formatPercent(e.errorRate)}${high ? ' (high)' : ''}`,
    );
  }
  // A high error rate is said in words (and an icon), not only in colour.
  const flagged = api.endpoints.findIndex((e) => e.errorRate !== null && e.errorRate >= HIGH_ERROR_RATE);
  expect(flagged).toBeGreaterThanOrEqual(0);
  await expect(rows(page).nth(flagged).locator('[data-column="errorRate"]')).toContainText('(high)');
  await expect(rows(page).nth(flagged).locator('[data-column="errorRate"] svg')).toHaveCount(1);
  expect(api.endpoints[0]!.requests).toBeGreaterThan(100);
  // Each route links to its page; the sparkline says what it shows.
  await expect(
    rows(page)
      .first()
      .getByRole('img', { name: /^p95 over the period/ }),
  ).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'list-desktop.png'), fullPage: true });
  await noSidewaysScroll(page, 'the list at 1280 px');
  expect(errors).toEqual([]);
  await context.close();
});

test('sorts by each column from the keyboard, and filters by service and method', async ({ browser }) => {
  const { context, page } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  const header = (name: string) => page.getByRole('columnheader', { name, exact: true });
  await expect(header('Time spent')).toHaveAttribute('aria-sort', 'descending');
  await expect(header('p95')).toHaveAttribute('aria-sort', 'none');

  const { from, to } = await tableRange(page);
  const api = await apiEndpoints(`project=demo&from=${from}&to=${to}`);
  const byP95 = [...api.endpoints].sort((a, b) => b.p95! - a.p95!);
  const button = header('p95').getByRole('button');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(header('p95')).toHaveAttribute('aria-sort', 'descending');
  await expect(header('Time spent')).toHaveAttribute('aria-sort', 'none');
  await expect(rows(page).first()).toHaveAttribute('data-route', byP95[0]!.route);
  await expect(rows(page).last()).toHaveAttribute('data-route', byP95.at(-1)!.route);
  await page.keyboard.press('Space');
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).first()).toHaveAttribute('data-route', byP95.at(-1)!.route);

  await page.getByRole('columnheader', { name: 'Route' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Route' })).toHaveAttribute('aria-sort', 'ascending');
  const routes = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-route')!));
  expect(routes).toEqual([...routes].sort((a, b) => a.localeCompare(b)));

  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await expect(page).toHaveURL(/[?&]method=POST/);
  // Until the filtered rows arrive, the table still shows the other methods (a slow device may
  // not yet have drawn the view as busy when the URL changes).
  await expect.poll(() => shownMethods(page)).toEqual(['POST']);
  await viewSettled(page);
  expect(await shownMethods(page)).toEqual(['POST']);
  await expect(rows(page)).toHaveCount(api.endpoints.filter((e) => e.method === 'POST').length);

  await page.getByRole('combobox', { name: 'Service' }).selectOption('shop-web');
  await expect(page).toHaveURL(/[?&]service=shop-web/);
  await expect(page.getByText('No requests match these filters in this period.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Method' }).selectOption('');
  await viewSettled(page);
  await expect(rows(page).first()).toBeVisible();
  const services = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-service')));
  expect(new Set(services)).toEqual(new Set(['shop-web']));
  await context.close();
});

test('the order, the filters and the project change in place and live in the URL; Back restores them', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  const header = (name: string) => page.getByRole('columnheader', { name, exact: true });
  await header('p95').getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=p95(&|$)/);
  await header('p95').getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=p95\.asc(&|$)/);
  // A link or a reload opens the same order.
  await page.reload();
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');

  // From here on, nothing renders the page on the server again.
  const renders = serverRenders(page, '/endpoints');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await expect(page).toHaveURL(/[?&]method=POST(&|$)/);
  await expect.poll(() => shownMethods(page)).toEqual(['POST']);
  await viewSettled(page);
  expect(await shownMethods(page)).toEqual(['POST']);
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');

  // Another project in place: its filters go, the order stays; Back brings the demo's view back.
  const projects = page.getByRole('combobox', { name: 'Project' });
  await projects.selectOption('quiet');
  await expect(page).toHaveURL(/[?&]project=quiet(&|$)/);
  await expect(page).not.toHaveURL(/method=/);
  await expect(page.getByRole('heading', { name: 'No requests recorded for Quiet' })).toBeVisible();
  await page.goBack();
  await expect(projects).toHaveValue('demo');
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
  await expect(rows(page).first()).toHaveAttribute('data-method', 'POST');
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');
  expect(renders).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('on a slow device, quick successive changes all stay, and Back undoes the filter, not the order', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  // Ten times slower: the router takes longer to render a change than the queue's first look at
  // it (1.5 s), and the second click comes after that look.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
  await page.reload();
  await expect(rows(page).first()).toBeVisible();
  const header = (name: string) => page.getByRole('columnheader', { name, exact: true });
  await header('p95').getByRole('button').click();
  await page.waitForTimeout(2_000);
  await header('p95').getByRole('button').click();
  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await expect(page).toHaveURL(/[?&]sort=p95\.asc&method=POST$/);
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => shownMethods(page)).toEqual(['POST']);
  // The order replaced its history entry; the filter made one of its own.
  await page.goBack();
  await expect(page).toHaveURL(/\/endpoints\?sort=p95\.asc$/);
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('');
  await expect.poll(() => shownMethods(page)).not.toEqual(['POST']);
  await expect(header('p95')).toHaveAttribute('aria-sort', 'ascending');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(errors).toEqual([]);
  await context.close();
});

test('a route search and "with 5xx errors only" narrow the table, live in the URL and leave the health check last', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  const { from, to } = await tableRange(page);
  const api = await apiEndpoints(`project=demo&from=${from}&to=${to}`);
  // The busiest route is not the one first: a health check answers often and fast.
  const health = api.endpoints.findIndex((e) => e.route.includes('health'));
  if (health >= 0) expect(health).toBeGreaterThan(0);

  const renders = serverRenders(page, '/endpoints');
  const search = page.getByRole('searchbox', { name: 'Search routes' });
  await search.fill('ORDERS');
  await expect(page).toHaveURL(/[?&]q=ORDERS(&|$)/);
  const matching = api.endpoints.filter((e) => `${e.method} ${e.route} ${e.service}`.toLowerCase().includes('orders'));
  expect(matching.length).toBeGreaterThan(0);
  await expect(rows(page)).toHaveCount(matching.length);
  await expect(page.getByText(`${matching.length} of ${api.endpoints.length} routes`)).toBeVisible();

  const errorsOnly = page.getByRole('checkbox', { name: 'With 5xx errors only' });
  await errorsOnly.check();
  await expect(page).toHaveURL(/[?&]errors=1(&|$)/);
  await expect(rows(page)).toHaveCount(matching.filter((e) => e.errors > 0).length);

  // A link or a reload keeps both; a search nothing matches says so.
  await page.reload();
  await expect(search).toHaveValue('ORDERS');
  await expect(errorsOnly).toBeChecked();
  await search.fill('no-such-route-anywhere');
  await expect(
    page.getByText('No route matches “no-such-route-anywhere” with 5xx errors in this period.'),
  ).toBeVisible();
  await search.fill('');
  await errorsOnly.uncheck();
  await expect(page).not.toHaveURL(/[?&](q|errors)=/);
  await expect(rows(page)).toHaveCount(api.endpoints.length);
  // Only the reload rendered on the server.
  expect(renders.length).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
  await context.close();
});

test('the period and the comparison live in the URL', async ({ browser }) => {
  const { context, page } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '1h' }).click();
  await expect(page).toHaveURL(/[?&]period=1h/);
  await expect(page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '1h' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const span = async () => {
    const r = await tableRange(page);
    return Number(r.to) - Number(r.from);
  };
  await expect.poll(span).toBe(3_600_000);
  await page.getByRole('checkbox', { name: 'Compare with previous period' }).check();
  await expect(page).toHaveURL(/[?&]compare=1/);
  await expect(page.getByTestId('range')).toContainText('compared with');
  const range = await tableRange(page);
  const api = await apiEndpoints(`project=demo&from=${range.from}&to=${range.to}&compare=1`);
  const top = api.endpoints[0]!;
  const cell = rows(page).first().locator('[data-column="requests"]');
  await expect(cell).toContainText(formatCount(top.requests));
  // The change is in words (sign and percentage), not only in colour.
  await expect(cell).toContainText(/[+−]\d|±0%|new|from 0|not enough data/);
  const before = top.previous!.requests;
  const enough = top.requests >= MIN_COMPARE_SAMPLES && before >= MIN_COMPARE_SAMPLES;
  if (!enough && before > 0) await expect(cell).toContainText('not enough data');
  if (enough && Math.abs(top.requests / before - 1) >= 0.005) {
    const c = top.requests / before - 1;
    await expect(cell).toContainText(`${c > 0 ? '+' : '−'}${formatPercent(Math.abs(c))}`);
  }
  await page.screenshot({ path: path.join(SHOTS, 'list-compare-desktop.png'), fullPage: true });

  // A custom period, and a hand-edited URL with hostile values falls back to the defaults.
  await page.goto('/endpoints?period=custom&from=2000&to=1000&compare=maybe&project=%22%3E%3Cscript%3E&method=%00');
  await expect(page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '24h' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('checkbox', { name: 'Compare with previous period' })).not.toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  await expect(rows(page).first()).toBeVisible();
  const to = Date.now();
  await page.goto(`/endpoints?period=custom&from=${to - 6 * 3_600_000}&to=${to}`);
  const custom = page.getByRole('form', { name: 'Custom period' });
  await expect(custom).toBeVisible();
  expect(await span()).toBe(6 * 3_600_000);

  // The form refuses an end before the start, then applies a valid range (read in UTC, the default zone).
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const start = Math.floor((to - 3 * 3_600_000) / 60_000) * 60_000;
  await custom.getByLabel('From').fill(local(start));
  await custom.getByLabel('To').fill(local(start - 3_600_000));
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(custom.getByRole('alert')).toHaveText('The start must be before the end.');
  await custom.getByLabel('To').fill(local(start + 2 * 3_600_000));
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${encodeURIComponent(new Date(start).toISOString())}`));
  await expect.poll(span).toBe(2 * 3_600_000);
  expect(Number((await tableRange(page)).from)).toBe(start);
  await context.close();
});

test('the route page draws percentiles, the histogram, status classes, database time and the slowest requests, which open', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/endpoints');
  await expect(rows(page).first()).toBeVisible();
  // The API route with database time and 4xx answers: the demo's checkout.
  await page.locator('tbody tr[data-route="/api/checkout"]').getByRole('link').click();
  await expect(page).toHaveURL(/\/endpoints\/route\?.*route=/);
  await expect(page.getByRole('heading', { name: 'Latency percentiles over time' })).toBeVisible();
  await expect(page.locator('.recharts-line')).toHaveCount(3);
  expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(3);
  await expect(
    page.getByRole('list', { name: 'Requests by status class' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Database time' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Slowest requests' })).toBeVisible();
  const slowest = page.getByRole('table', { name: 'The slowest single requests kept in the period, slowest first' });
  await expect(slowest.locator('tbody tr')).toHaveCount(10);
  await expect(page.getByRole('heading', { name: 'Latest failed requests' })).toBeVisible();

  // The summary equals the API's numbers for the same route and period.
  const url = new URL(page.url());
  const shown = page.getByTestId('range');
  const params = new URLSearchParams({
    project: 'demo',
    service: url.searchParams.get('service')!,
    method: url.searchParams.get('method')!,
    from: (await shown.getAttribute('data-from'))!,
    to: (await shown.getAttribute('data-to'))!,
  });
  const list = await apiEndpoints(params.toString());
  const row = list.endpoints.find((e) => e.route === url.searchParams.get('route'))!;
  await expect(
    page
      .getByRole('definition')
      .filter({ hasText: formatCount(row.requests) })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'route-desktop.png'), fullPage: true });
  await noSidewaysScroll(page, 'the route page at 1280 px');

  // The slowest request opens: its raw path, exact status and how it compares with the route around it.
  const routePage = page.url();
  const slowestMs = (await slowest.locator('tbody tr').first().locator('td').last().textContent())!;
  await slowest.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/endpoints\/request\?project=demo&id=\d+/);
  await expect(page.getByRole('heading', { name: 'Request', exact: true })).toBeVisible();
  await expect(page.getByTestId('request-path')).toHaveText(/^\/api\/checkout/);
  await expect(page.getByTestId('request-compared')).toContainText(slowestMs);
  await expect(page.getByTestId('request-compared')).toContainText(/p95/);
  await expect(page.getByRole('definition').filter({ hasText: /^shop-api-\d$/ })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'request-desktop.png'), fullPage: true });
  await noSidewaysScroll(page, 'the request page at 1280 px');
  await page
    .getByRole('link', { name: /at the time$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/endpoints\/route\?.*period=custom/);
  await expect(page.getByRole('heading', { name: 'Slowest requests' })).toBeVisible();
  await page.goto(routePage);
  await page.getByRole('link', { name: 'All routes' }).click();
  await expect(page).toHaveURL(/\/endpoints\?project=demo/);
  expect(errors).toEqual([]);
  await context.close();
});

test('at 375 px in dark mode the table scrolls inside its box and the page never sideways', async ({ browser }) => {
  const mobile = MOBILE;
  const list = await open(browser, '/endpoints', mobile);
  await expect(rows(list.page).first()).toBeVisible();
  await noSidewaysScroll(list.page, 'the list at 375 px');
  const box = list.page.getByRole('table').locator('..');
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await list.page.screenshot({ path: path.join(SHOTS, 'list-mobile.png'), fullPage: true });
  const href = await rows(list.page).first().getByRole('link').getAttribute('href');
  await list.page.goto(href!);
  await expect(list.page.locator('.recharts-line')).toHaveCount(3);
  await noSidewaysScroll(list.page, 'the route page at 375 px');
  await list.page.screenshot({ path: path.join(SHOTS, 'route-mobile.png'), fullPage: true });
  expect(list.errors).toEqual([]);
  await list.context.close();
});

test('a project without requests says how to send them', async ({ browser }) => {
  // Switching project from a route page goes to that project's list (its routes are not the same).
  const switching = await open(browser, '/endpoints/route?service=shop-api&method=POST&route=%2Fapi%2Fcheckout');
  await expect(switching.page.getByRole('heading', { name: 'Latency percentiles over time' })).toBeVisible();
  const projects = switching.page.getByRole('combobox', { name: 'Project' });
  await expect(projects.getByRole('option')).toHaveText(['Demo shop', 'Observatory (built in)', 'Quiet']);
  await projects.selectOption('quiet');
  await expect(switching.page).toHaveURL(/\/endpoints\?project=quiet$/);
  await expect(switching.page.getByRole('heading', { name: 'No requests recorded for Quiet' })).toBeVisible();
  await switching.context.close();

  for (const width of WIDTHS) {
    const { context, page } = await open(browser, '/endpoints?project=quiet', width);
    await expect(page.getByRole('heading', { name: 'No requests recorded for Quiet' })).toBeVisible();
    await expect(page.getByLabel('Example: send one request record with curl')).toContainText(
      `curl -X POST ${baseURL}/api/v1/requests`,
    );
    await expect(page.getByLabel('Example: the server SDK')).toContainText('createReporter');
    await noSidewaysScroll(page, `the empty state at ${width.name}`);
    await page.screenshot({ path: path.join(SHOTS, `empty-${width.name}.png`), fullPage: true });
    await context.close();
  }
});

test('the query routes refuse anonymous callers and malformed, oversized and hostile parameters', async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const p of [
    '/api/v1/query/endpoints?project=demo',
    '/api/v1/query/endpoint?project=demo&service=a&method=GET&route=/',
  ]) {
    const res = await anonymous.get(p);
    expect(res.status()).toBe(401);
  }
  await anonymous.dispose();
  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const cases: [string, RegExp][] = [
    ['endpoints', /project/],
    ['endpoints?project=', /project/],
    [`endpoints?project=${'x'.repeat(5000)}`, /project.*too long/],
    ['endpoints?project=demo&from=yesterday', /from/],
    ['endpoints?project=demo&from=2000&to=1000', /from must be before to/],
    ['endpoints?project=demo&from=0&to=99999999999999', /to/],
    ['endpoints?project=demo&compare=maybe', /compare/],
    [`endpoints?project=demo&service=${'s'.repeat(300)}`, /service.*too long/],
    ['endpoints?project=demo&method=GET&method=POST', /method/],
    ['endpoints?project=demo&method=%00', /method/],
    [`endpoints?project=demo&${'z'.repeat(3000)}=1`, /unknown parameter/],
    ["endpoints?project=demo&sql=1'%20OR%20'1'%3D'1", /sql: unknown parameter/],
    ['endpoint?project=demo&service=shop-api&method=GET', /route/],
    ['endpoint?project=demo&service=shop-api&route=/a', /method/],
    [`endpoint?project=demo&service=shop-api&method=GET&route=${'/a'.repeat(200)}`, /route.*too long/],
  ];
  for (const [q, message] of cases) {
    const res = await admin.get(`/api/v1/query/${q}`);
    const body = await res.text();
    expect(res.status(), `${q.slice(0, 60)}: ${body.slice(0, 200)}`).toBe(422);
    const error = JSON.parse(body).error;
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(300);
  }
  expect((await admin.get('/api/v1/query/endpoints?project=nowhere')).status()).toBe(404);
  const unknownRoute = await admin.get(
    `/api/v1/query/endpoint?project=demo&service=shop-api&method=GET&route=${encodeURIComponent('/<script>/[id]')}`,
  );
  expect(unknownRoute.status()).toBe(200);
  expect((await unknownRoute.json()).endpoint.summary.requests).toBe(0);
  await admin.dispose();
});
