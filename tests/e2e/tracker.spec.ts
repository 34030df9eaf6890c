/**
 * The browser tracker in real Chromium on a customer's site (a fixture server on another
 * 127.0.0.1 port): its beacons store the same vitals the official web-vitals callbacks report in
 * that page, per route of a single-page app, with the site's project, device and attribution;
 * it stays silent when Observatory is down; a page on an origin the project does not allow is refused.
 */
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { MOBILE, sameOrigin, storageState } from '../helpers/e2e';
import { fixtureSite, HIDE_PAGE, type FixtureSite, type Recorded } from '../helpers/fixture-site';
import { closedPort } from '../helpers/net';

const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

let site: FixtureSite;
let stranger: FixtureSite;
let projectId: string;
let siteId: string;

type Stored = { name: string; value: number; route: string; device: string };

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'observatory.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function storedVitals(): Stored[] {
  return query<{ name: string; value: number; dims: string }>(
    `SELECT s.name AS name, p.value AS value, s.dims AS dims FROM "Point" p JOIN "Series" s ON s.id = p.seriesId
     WHERE s.projectId = ? AND s.name LIKE 'web_vitals.%' ORDER BY p.id`,
    projectId,
  ).map((r) => {
    const dims = JSON.parse(r.dims) as { route: string; device: string };
    return { name: r.name.slice('web_vitals.'.length).toUpperCase(), value: r.value, ...dims };
  });
}

async function until<T>(read: () => T, done: (value: T) => boolean, what: string): Promise<T> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    const value = read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test.beforeAll(async ({ baseURL }, testInfo) => {
  site = await fixtureSite(baseURL!);
  stranger = await fixtureSite(baseURL!);
  const slug = `tracker-${testInfo.project.name}`;
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  // Only the first fixture's origin: the second is a site that copied the tag.
  const created = await admin.post('/api/v1/projects', {
    headers: sameOrigin(baseURL!),
    data: { name: slug, slug, allowedOrigins: [site.origin] },
  });
  expect(created.status(), await created.text()).toBe(201);
  ({ id: projectId, siteId } = (await created.json()).project as { id: string; siteId: string });
  await admin.dispose();
  site.setSite(siteId);
  stranger.setSite(siteId);
});

test.afterAll(async () => {
  await site?.close();
  await stranger?.close();
});

/** Load, a slow click (INP), a single-page-app navigation, another slow click. */
async function browse(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.waitForFunction(() => (window as unknown as { __official: unknown[] }).__official.length >= 2);
  await page.click('#slow');
  await page.click('#nav');
  await expect(page.locator('#title')).toHaveText('Product 42');
  await page.click('#slow');
  // web-vitals reads interactions in an idle callback (at most 1 s).
  await page.waitForTimeout(1_500);
}

test('stores the vitals the official web-vitals callbacks report, by route and device', async ({ browser }) => {
  const context = await browser.newContext({ userAgent: DESKTOP_UA });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await browse(page, `${site.origin}/?utm_source=mail&email=ada%40example.com#top`);
  const beacon = page.waitForRequest((r) => r.url().endsWith('/api/v1/vitals'));
  await page.evaluate(HIDE_PAGE);
  expect((await beacon).postData()).not.toMatch(/utm_source|ada|example\.com|#top/);
  const official = await page.evaluate(() => (window as unknown as { __official: Recorded[] }).__official);
  await context.close();

  const names = new Set(official.map((m) => m.name));
  for (const vital of ['TTFB', 'FCP', 'LCP', 'CLS', 'INP']) expect(names, vital).toContain(vital);
  const stored = await until(storedVitals, (rows) => rows.length >= official.length, 'the stored vitals');
  const routeOf = (m: Recorded) => (m.url && new URL(m.url).pathname.startsWith('/products/') ? '/products/[id]' : '/');
  const key = (r: { name: string; value: number; route: string }) => `${r.name} ${r.value} ${r.route}`;
  expect(stored.map(key).sort()).toEqual(official.map((m) => key({ ...m, route: routeOf(m) })).sort());
  expect(stored.every((r) => r.device === 'desktop')).toBe(true);
  // Plausible values: a slow click of 300 ms is the INP; a fast local page.
  const inp = stored.filter((r) => r.name === 'INP');
  expect(Math.max(...inp.map((r) => r.value))).toBeGreaterThanOrEqual(300);
  expect(Math.max(...inp.map((r) => r.value))).toBeLessThan(2_000);
  for (const r of stored.filter((r) => r.name !== 'CLS' && r.name !== 'INP')) expect(r.value).toBeLessThan(10_000);
  expect(errors).toEqual([]);
  const activity = query<{ n: number }>(
    'SELECT COUNT(DISTINCT pageId) AS n FROM "PageActivity" WHERE projectId = ?',
    projectId,
  );
  expect(activity[0]!.n).toBe(1);
});

test('sends on page close too from a phone, and with attribution the slow image and click with their phases', async ({
  browser,
}) => {
  // A phone: its user agent makes the device "mobile".
  const context = await browser.newContext({ userAgent: MOBILE_UA, viewport: MOBILE.viewport });
  const page = await context.newPage();
  const loads: string[] = [];
  page.on('request', (r) => loads.push(new URL(r.url()).pathname));
  await page.goto(`${site.origin}/checkout?attr=1`);
  await expect(page.locator('#hero')).toBeVisible();
  await page.waitForFunction(() =>
    (window as unknown as { __official: Recorded[] }).__official.some((m) => m.name === 'FCP'),
  );
  await page.click('#slow');
  // web-vitals reads interactions in an idle callback (at most 1 s); hidden earlier, it reports INP at the next hide.
  await page.waitForTimeout(1_500);
  await page.close({ runBeforeUnload: true });
  await context.close();
  expect(loads).toContain('/tracker.attribution.js');

  const samples = await until(
    () =>
      query<{
        vital: string;
        route: string;
        device: string;
        target: string | null;
        url: string | null;
        processing: number | null;
      }>('SELECT vital, route, device, target, url, processing FROM "VitalSample" WHERE projectId = ?', projectId),
    (rows) => rows.some((r) => r.vital === 'INP') && rows.some((r) => r.vital === 'LCP'),
    'the attribution samples',
  );
  expect(samples.every((r) => r.device === 'mobile')).toBe(true);
  const inp = samples.find((r) => r.vital === 'INP')!;
  expect(inp.route).toBe('/checkout');
  expect(inp.target).toMatch(/slow/);
  expect(inp.processing).toBeGreaterThanOrEqual(250);
  const lcp = samples.find((r) => r.vital === 'LCP')!;
  expect(lcp.url).toBe(`${site.origin}/slow.bmp`);
  expect(lcp.target).toMatch(/hero/);
});

test('stays silent when Observatory is down: no console output of its own, no errors', async ({ browser }) => {
  const down = `http://127.0.0.1:${await closedPort()}/api/v1/vitals`;
  const context = await browser.newContext({ userAgent: DESKTOP_UA });
  const page = await context.newPage();
  const logged: string[] = [];
  const networkLog: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    // Chromium's own line for a failed request (no script can silence it) is told apart from what code logs.
    if (m.text().startsWith('Failed to load resource:') && m.location().url === down) networkLog.push(m.text());
    else logged.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => errors.push(err.message));
  const failed = page.waitForEvent('requestfailed', (r) => r.url() === down);
  await browse(page, `${site.origin}/?endpoint=${encodeURIComponent(down)}`);
  await page.evaluate(HIDE_PAGE);
  await failed;
  await page.waitForTimeout(300);
  expect(errors).toEqual([]);
  expect(logged).toEqual([]);
  expect(networkLog.length).toBeLessThanOrEqual(1); // one beacon, no retries
  // The page still works.
  await page.click('#slow');
  await expect(page.locator('#content')).toHaveText(/Clicked/);
  await context.close();
});

test('refuses a page on an origin the project does not allow', async ({ browser }) => {
  const before = storedVitals().length;
  const context = await browser.newContext({ userAgent: DESKTOP_UA });
  const page = await context.newPage();
  await browse(page, `${stranger.origin}/`);
  const beacon = page.waitForResponse((r) => r.url().endsWith('/api/v1/vitals'));
  await page.evaluate(HIDE_PAGE);
  const answer = await beacon;
  expect(answer.status()).toBe(403);
  expect(answer.headers()['access-control-allow-origin']).toBeUndefined();
  await context.close();
  expect(storedVitals().length).toBe(before);
});

/** The raw bytes of a GET, as the network carries them (Playwright's and fetch's clients decompress). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

test('serves /tracker.js as public, cacheable, compressed JavaScript without cookies', async ({ baseURL }) => {
  const res = await rawGet(`${baseURL}/tracker.js`, { 'accept-encoding': 'gzip, deflate, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  // Next.js compresses with gzip (brotli, 4 KB at most, is for a proxy in front: tests/unit/tracker-build.test.ts).
  expect(res.headers['content-encoding']).toBe('gzip');
  expect(res.body.length).toBeLessThanOrEqual(4.5 * 1024);
  const code = gunzipSync(res.body).toString('utf8');
  expect(code).toMatch(/^("use strict";)?\(\(\)=>\{/);
  expect(code).toContain('sendBeacon');
  expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  expect(res.headers['set-cookie']).toBeUndefined();
  const plain = await rawGet(`${baseURL}/tracker.js`, {});
  expect(plain.body.toString('utf8')).toBe(code);
  const again = await rawGet(`${baseURL}/tracker.js`, { 'if-none-match': String(res.headers.etag) });
  expect(again.status).toBe(304);
});

test("the project's Settings show the beacons it stored and those it dropped", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ storageState: storageState('admin') });
  const page = await context.newPage();
  // Counts are written every 10 s; wait for them through the API the card reads, then look once.
  const range = () => `project=${projectId}&from=${Date.now() - 86_400_000}&to=${Date.now()}`;
  await expect
    .poll(
      async () => {
        const stored = await page.request.get(`/api/v1/query/stats?${range()}&metric=observatory.beacons.accepted`);
        const dropped = await page.request.get(
          `/api/v1/query/top?${range()}&metric=observatory.beacons.dropped&by=reason&order=count`,
        );
        const top = ((await dropped.json()).top ?? []) as { value: string; sum: number }[];
        return [(await stored.json()).stats?.sum > 0, top.some((r) => r.value === 'origin' && r.sum > 0)];
      },
      { timeout: 90_000 },
    )
    .toEqual([true, true]);
  await page.goto(`${baseURL}/settings/projects`);
  const card = page.locator(`article[aria-labelledby="project-${projectId}"]`);
  const dropped = (reason: string) => card.locator('dt', { hasText: reason }).locator('+ dd');
  await expect(card.getByText(/Last 24 hours: [1-9]\d* beacons stored/)).toBeVisible();
  await expect(dropped('origins not allowed')).toHaveText(/^[1-9]/);
  await expect(dropped('from bots')).toHaveText('0');
  await context.close();
});
