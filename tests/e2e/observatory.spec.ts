/**
 * The Observatory view (the dashboard home) on demo data, on a production server of its own:
 * the KPIs on screen are the query API's numbers for the same period, the period and the
 * comparison change them, the p95 card leads to the routes sorted by p95 and one click more to
 * the slowest route, the vitals lead to the Web Vitals view, panels show only what the demo
 * reports, the query route refuses anonymous callers and malformed, oversized and hostile
 * parameters. Screenshots at 1280 and 375 px, light and dark, go to test-results/observatory/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { judge } from '../../lib/goals/judge';
import type { Observatory } from '../../lib/queries/observatory';
import { formatCount, formatMs, formatPercent, formatRate, MIN_COMPARE_SAMPLES } from '../../lib/format/numbers';
import { sameOrigin } from '../helpers/e2e';
import { startAdminServer, type AdminServer, loadDemo } from '../helpers/e2e-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'observatory');
const ADMIN = {
  email: 'observatory-admin@e2e.test',
  name: 'Olga Overview',
  password: 'observatory-admin-password-7c2e',
};
const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'mobile', viewport: { width: 375, height: 740 } },
] as const;
const SCHEMES = ['light', 'dark'] as const;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let app: AdminServer;
let baseURL: string;
let state: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startAdminServer('home', ADMIN, { TRUST_PROXY_HOPS: '1' });
  ({ baseURL, state } = app);
  const context = await playwrightRequest.newContext({ baseURL, storageState: state });
  // Two days of the demo shop, so the 24-hour period has a period before it.
  await loadDemo(context, baseURL);
  await context.dispose();
});

test.afterAll(() => app?.dispose());

async function open(
  browser: Browser,
  url: string,
  width: (typeof WIDTHS)[number] = WIDTHS[0],
  colorScheme: 'light' | 'dark' = 'light',
) {
  const context = await browser.newContext({ baseURL, storageState: state, viewport: width.viewport, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(url);
  return { context, page, errors };
}

async function apiObservatory(query: string): Promise<Observatory> {
  const api = await playwrightRequest.newContext({ baseURL, storageState: state });
  const res = await api.get(`/api/v1/query/observatory?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()).observatory as Observatory;
  await api.dispose();
  return body;
}

/** The range the view was drawn for, so the API can be asked for the same one. */
async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const range = page.getByTestId('range');
  return { from: (await range.getAttribute('data-from'))!, to: (await range.getAttribute('data-to'))! };
}

const kpi = (page: Page, id: string) => page.locator(`[data-kpi="${id}"]`);
const kpiValue = (page: Page, id: string) => kpi(page, id).getByTestId('kpi-value');

async function expectKpisEqualApi(page: Page, api: Observatory) {
  await expect(kpiValue(page, 'p50')).toHaveText(formatMs(api.p50.value));
  await expect(kpiValue(page, 'p95')).toHaveText(formatMs(api.p95.value));
  await expect(kpiValue(page, 'p99')).toHaveText(formatMs(api.p99.value));
  await expect(kpiValue(page, 'throughput')).toHaveText(formatRate(api.throughput.value!));
  await expect(kpi(page, 'throughput')).toContainText(`${formatCount(api.requests.value!)} requests`);
  await expect(kpiValue(page, 'errors')).toHaveText(formatPercent(api.errorRate.value));
  await expect(kpiValue(page, 'apdex')).toHaveText(api.apdex.value!.toFixed(2));
}

const WORDS = { ok: 'Within goal', warning: 'Above goal', critical: 'Critical' } as const;

test('the KPIs on screen are the query API numbers for the same period, with goals and ratings in words', async ({
  browser,
}) => {
  const { context, page, errors } = await open(browser, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Observatory' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  const { from, to } = await shownRange(page);
  expect(Number(to) - Number(from)).toBe(86_400_000);
  const api = await apiObservatory(`project=demo&from=${from}&to=${to}`);
  expect(api.requests.value).toBeGreaterThan(1000);
  await expectKpisEqualApi(page, api);
  // The project's goals (the defaults here), and the judgement in words next to the value.
  expect(api.goals.p95).toMatchObject({ target: 500, critical: 1000, custom: false });
  await expect(kpi(page, 'p95')).toContainText('Goal ≤ 500 ms · critical > 1.00 s');
  await expect(kpi(page, 'p95')).toContainText(WORDS[judge(api.p95.value!, api.goals.p95)]);
  await expect(kpi(page, 'p50')).toContainText('Goal ≤ 100 ms · critical > 200 ms');
  await expect(kpi(page, 'p50')).toContainText(WORDS[judge(api.p50.value!, api.goals.p50)]);
  await expect(kpi(page, 'p99')).toContainText('Goal ≤ 1.00 s · critical > 2.00 s');
  await expect(kpi(page, 'errors')).toContainText('Goal ≤ 0.1% · critical > 1%');
  await expect(kpi(page, 'errors')).toContainText(WORDS[judge(api.errorRate.value! * 100, api.goals.errorRate)]);
  await expect(kpi(page, 'throughput')).toContainText('Capacity goal ≥ 1,000 req/s');
  await expect(kpi(page, 'cpu')).toContainText('goal ≤ 70% · critical > 90%');
  await expect(kpi(page, 'cpu')).toContainText(WORDS[judge(api.cpu!.latest!, api.goals.cpu)]);
  // The demo reports CPU and memory gauges: their cards show the latest value.
  await expect(kpi(page, 'cpu')).toContainText(`${api.cpu!.latest!.toFixed(1).replace(/\.0$/, '')}%`);
  await expect(kpi(page, 'memory')).toBeVisible();
  // Web Vitals and the score, as the API has them.
  await expect(page.getByTestId('score')).toContainText(String(api.score.value));
  for (const v of api.vitals) await expect(page.locator(`[data-vital="${v.vital}"]`)).toBeVisible();
  // Panels list only what the demo reports, and how to report the others.
  const infra = page.getByRole('region', { name: 'Infrastructure health' });
  for (const m of api.infrastructure) await expect(infra.locator(`[data-metric="${m.key}"]`)).toBeVisible();
  await expect(infra.locator('[data-metric]')).toHaveCount(api.infrastructure.length);
  const business = page.getByRole('region', { name: 'Business metrics' });
  await expect(business.locator('[data-metric]')).toHaveCount(api.business.length);
  expect(api.business.length).toBeGreaterThan(0);
  // Recent alerts follow the project's rules: "not configured" until a rule is enabled (the
  // evaluator seeds the default rules on its first turn), then the alerts of the period.
  await expect
    .poll(
      async () => {
        const { rules } = (await (await context.request.get('/api/v1/projects/demo/alerts/rules')).json()) as {
          rules: { enabled: boolean }[];
        };
        const notConfigured = await page.getByTestId('alerts-not-configured').count();
        return rules.some((r) => r.enabled) ? notConfigured === 0 : notConfigured === 1;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // Both charts draw.
  await expect(page.getByRole('img', { name: /^Response time p50, p95 and p99 in \d+ steps/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Requests per second and 5xx errors in \d+ steps/ })).toBeVisible();
  expect(api.latency.length).toBeLessThanOrEqual(300);
  expect(errors).toEqual([]);
  await context.close();
});

test("the cards judge against the project's own goals once an admin sets them, and the defaults again after a reset", async ({
  browser,
}) => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const { context, page, errors } = await open(browser, '/');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  const { from, to } = await shownRange(page);
  const before = await apiObservatory(`project=demo&from=${from}&to=${to}`);
  const p95 = before.p95.value!;
  const cpu = before.cpu!.latest!;
  // Levels the measured numbers are past (critical), and levels they are within.
  const put = (goals: object) =>
    admin.put('/api/v1/projects/demo/goals', { headers: sameOrigin(baseURL), data: { goals } });
  try {
    const strict = await put({
      p95: { target: p95 / 4, critical: p95 / 2 },
      cpu: { target: cpu / 4, critical: cpu / 2 },
    });
    expect(strict.status(), await strict.text()).toBe(200);
    await page.reload();
    await expect(kpi(page, 'p95')).toContainText('Critical');
    await expect(kpi(page, 'p95')).toContainText(`Goal ≤ ${formatMs(p95 / 4)} · critical > ${formatMs(p95 / 2)}`);
    await expect(kpi(page, 'cpu')).toContainText('Critical');
    const judged = await apiObservatory(`project=demo&from=${from}&to=${to}`);
    expect(judged.goals.p95).toMatchObject({ target: p95 / 4, critical: p95 / 2, custom: true });
    await page.screenshot({ path: path.join(SHOTS, 'home-desktop-own-goals.png'), fullPage: true });

    expect((await put({ p95: { target: p95 * 2, critical: p95 * 4 } })).status()).toBe(200);
    await page.reload();
    await expect(kpi(page, 'p95')).toContainText('Within goal');
  } finally {
    expect((await put({ p95: null, cpu: null })).status()).toBe(200);
  }
  await page.reload();
  await expect(kpi(page, 'p95')).toContainText('Goal ≤ 500 ms · critical > 1.00 s');
  expect(errors).toEqual([]);
  await context.close();
  await admin.dispose();
});

test('the period and the comparison change the numbers', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '1h' }).click();
  await expect(page).toHaveURL(/[?&]period=1h/);
  const span = async () => {
    const r = await shownRange(page);
    return Number(r.to) - Number(r.from);
  };
  await expect.poll(span).toBe(3_600_000);
  const hour = await shownRange(page);
  await expectKpisEqualApi(page, await apiObservatory(`project=demo&from=${hour.from}&to=${hour.to}`));

  await page.getByRole('checkbox', { name: 'Compare with previous period' }).check();
  await expect(page).toHaveURL(/[?&]compare=1/);
  await expect(page.getByTestId('range')).toContainText('compared with');
  const range = await shownRange(page);
  const api = await apiObservatory(`project=demo&from=${range.from}&to=${range.to}&compare=1`);
  expect(api.previousRange).not.toBeNull();
  await expectKpisEqualApi(page, api);
  // The change is in words (sign and percentage), not only in colour.
  // From fewer than MIN_COMPARE_SAMPLES requests on either side it says so instead.
  const p95 = kpi(page, 'p95');
  const counts = api.p95.counts!;
  expect(counts.now).toBe(api.requests.value);
  if (counts.now < MIN_COMPARE_SAMPLES || counts.before < MIN_COMPARE_SAMPLES) {
    await expect(p95).toContainText('not enough data');
  } else {
    const c = api.p95.value! / api.p95.previous! - 1;
    if (Math.abs(c) >= 0.005) await expect(p95).toContainText(`${c > 0 ? '+' : '−'}${formatPercent(Math.abs(c))}`);
    else await expect(p95).toContainText('±0%');
    await expect(p95.getByText(/than the previous period/)).toHaveCount(Math.abs(c) >= 0.005 ? 1 : 0);
  }
  // The charts draw the period before as a named dotted line, step for step.
  expect(api.traffic.some((p) => p.previousRate !== null)).toBe(true);
  await expect(page.locator('.recharts-legend-item-text', { hasText: 'p95, period before' })).toBeVisible();
  await expect(page.locator('.recharts-legend-item-text', { hasText: 'Requests/s, period before' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'home-desktop-compare.png'), fullPage: true });
  await page.getByRole('checkbox', { name: 'Compare with previous period' }).uncheck();
  await expect(page.locator('.recharts-legend-item-text', { hasText: 'period before' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('the p95 card leads to the routes sorted by p95, and a click more to the slowest route', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/');
  // Reached from the keyboard like any other control.
  const card = kpi(page, 'p95').getByRole('link');
  await expect(card).toBeVisible();
  for (let i = 0; i < 60 && !(await card.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(card).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/endpoints\?.*sort=p95/);
  await expect(page.getByRole('heading', { level: 1, name: 'Endpoints' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'p95', exact: true })).toHaveAttribute('aria-sort', 'descending');
  const first = page.getByRole('table').locator('tbody tr').first();
  const route = (await first.getAttribute('data-route'))!;
  const { from, to } = {
    from: (await page.getByRole('table').getAttribute('data-from'))!,
    to: (await page.getByRole('table').getAttribute('data-to'))!,
  };
  const api = await playwrightRequest.newContext({ baseURL, storageState: state });
  const endpoints = (await (await api.get(`/api/v1/query/endpoints?project=demo&from=${from}&to=${to}`)).json())
    .endpoints as { endpoints: { route: string; p95: number | null }[] };
  await api.dispose();
  const slowest = [...endpoints.endpoints].sort((a, b) => (b.p95 ?? -1) - (a.p95 ?? -1))[0]!;
  expect(route).toBe(slowest.route);
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/endpoints\/route\?/);
  await expect(page.getByRole('heading', { name: 'Latency percentiles over time' })).toBeVisible();
  await expect(page.locator('main')).toContainText(route);

  // A vital leads to the Web Vitals view.
  await page.goto('/');
  await page.getByRole('link', { name: 'LCP at p75: open Web Vitals' }).click();
  await expect(page).toHaveURL(/\/web-vitals/);
  await expect(page.getByRole('heading', { level: 1, name: 'Web Vitals' })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test('draws at 1280 and 375 px, light and dark, without sideways scroll', async ({ browser }) => {
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      const { context, page, errors } = await open(browser, '/?compare=1', width, scheme);
      await expect(kpiValue(page, 'p95')).toBeVisible();
      await expect(page.getByRole('img', { name: /^Requests per second/ })).toBeVisible();
      await page.screenshot({ path: path.join(SHOTS, `home-${width.name}-${scheme}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      // What sticks out, named, so a failure says where to look.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120)),
      );
      expect(overflow, `${width.name} ${scheme} scrolls sideways: ${wide.join(' | ')}`).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  }
});

test('the query route refuses anonymous callers and bad parameters; the page never fails on them', async ({
  browser,
}) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get('/api/v1/query/observatory?project=demo')).status()).toBe(401);
  await anonymous.dispose();
  const admin = await playwrightRequest.newContext({ baseURL, storageState: state });
  const cases: [string, RegExp][] = [
    ['', /project/],
    ['project=', /project/],
    [`project=${'x'.repeat(5000)}`, /project.*too long/],
    ['project=demo&project=other', /project/],
    ['project=demo&from=yesterday', /from/],
    ['project=demo&from=2000&to=1000', /from must be before to/],
    ['project=demo&from=0&to=99999999999999', /to/],
    ['project=demo&from=-1', /from/],
    ['project=demo&compare=maybe', /compare/],
    [`project=demo&compare=${'1'.repeat(4000)}`, /compare/],
    [`project=demo&${'z'.repeat(3000)}=1`, /unknown parameter/],
    ["project=demo&sql=1'%20OR%20'1'%3D'1", /sql: unknown parameter/],
    ['project=demo&tag.route=/search', /unknown parameter/],
    ['project=demo&%3Cscript%3E=1', /unknown parameter/],
  ];
  for (const [q, message] of cases) {
    const res = await admin.get(`/api/v1/query/observatory?${q}`);
    const body = await res.text();
    expect(res.status(), `${q.slice(0, 60)}: ${body.slice(0, 200)}`).toBe(422);
    const error = JSON.parse(body).error;
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(300);
  }
  expect((await admin.get('/api/v1/query/observatory?project=nowhere')).status()).toBe(404);
  await admin.dispose();

  // Hostile values in the page's URL fall back to the defaults; the page answers 200 and draws.
  const { context, page, errors } = await open(
    browser,
    '/?period=custom&from=2000&to=1000&compare=maybe&project=%22%3E%3Cscript%3E',
  );
  await expect(kpiValue(page, 'p95')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  expect(errors).toEqual([]);
  await context.close();
});

test('dragging across a chart zooms to that span through the URL, and Back zooms out', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/?period=24h');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  const before = await shownRange(page);
  const chart = page.locator('[data-zoom]').first();
  await expect(chart.locator('.recharts-wrapper')).toBeVisible();
  // The mouse moves in the viewport: bring the chart into it.
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const y = box.y + box.height / 2;
  // As a person does: over the chart (its tooltip follows), press, drag, let go.
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.move(box.x + box.width * 0.35, y, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]period=custom(&|$)/);
  await expect.poll(async () => (await shownRange(page)).from).not.toBe(before.from);
  const zoomed = await shownRange(page);
  const [from, to] = [Number(zoomed.from), Number(zoomed.to)];
  // About the middle third of the day, inside it.
  expect(from).toBeGreaterThan(Number(before.from));
  expect(to).toBeLessThan(Number(before.to));
  expect(to - from).toBeGreaterThan(3 * 3_600_000);
  expect(to - from).toBeLessThan(12 * 3_600_000);
  await expect(kpiValue(page, 'p95')).toBeVisible();
  // A click is not a zoom.
  const box2 = (await chart.boundingBox())!;
  await page.mouse.click(box2.x + box2.width / 2, box2.y + box2.height / 2);
  await expect(page).toHaveURL(new RegExp(`from=${encodeURIComponent(new Date(from).toISOString())}`));
  await page.goBack();
  await expect(page).toHaveURL(/[?&]period=24h(&|$)/);
  expect(errors).toEqual([]);
  await context.close();
});

test('a URL naming a project that does not exist says so, and offers the one shown', async ({ browser }) => {
  const { context, page, errors } = await open(browser, '/?project=nope&period=24h');
  const notice = page.getByTestId('unknown-project');
  // (The name's quotes are the <q> element's, drawn by CSS.)
  await expect(notice).toContainText('There is no project nope.');
  await expect(notice).toContainText('Showing Demo shop instead');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  await notice.getByRole('button', { name: 'Open Demo shop' }).click();
  await expect(page).toHaveURL(/[?&]project=demo(&|$)/);
  await expect(page).toHaveURL(/[?&]period=24h(&|$)/);
  await expect(notice).toHaveCount(0);
  // A known project never shows it.
  await page.goto('/?project=demo');
  await expect(kpiValue(page, 'p95')).toBeVisible();
  await expect(page.getByTestId('unknown-project')).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});
