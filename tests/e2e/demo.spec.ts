/**
 * The dashboard home on an installation without data, on a production server of its own (the
 * shared servers get data from other suites): it says how to send data, offers admins the demo,
 * loads it, and then draws the Observatory view of the demo project. POST /api/v1/demo refuses anonymous callers,
 * other roles, hostile bodies, a second load and a concurrent one.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser } from '@playwright/test';
import { DESKTOP, freshIp, MOBILE, recordSecret, sameOrigin, signIn, WIDTHS, type Width } from '../helpers/e2e';
import { closedPort } from '../helpers/net';
import { ownServerEnv, startOwnServer } from '../helpers/own-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SHOTS = path.join(ROOT, 'test-results', 'demo');
const USERS = {
  admin: { email: 'demo-admin@e2e.test', name: 'Ada Admin', password: 'demo-admin-password-5c1e' },
  viewer: { email: 'demo-viewer@e2e.test', name: 'Vic Viewer', password: 'demo-viewer-password-9a7d' },
} as const;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let dir: string;
let server: ChildProcess;
let baseURL: string;
const states: Partial<Record<keyof typeof USERS, string>> = {};

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-demo-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const port = await closedPort();
  baseURL = `http://127.0.0.1:${port}`;
  const env = ownServerEnv(dir, port, { TRUST_PROXY_HOPS: '1' });
  for (const [role, user] of Object.entries(USERS)) {
    recordSecret(user.password);
    const res = spawnSync(
      process.execPath,
      [
        TSX,
        'scripts/cli.ts',
        'user',
        'create',
        '--email',
        user.email,
        '--name',
        user.name,
        '--role',
        role,
        '--password-stdin',
      ],
      { cwd: ROOT, env, input: user.password, encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`cli user create: ${res.stderr}`);
  }
  server = await startOwnServer(env, port, 600);
  for (const [role, user] of Object.entries(USERS) as [keyof typeof USERS, (typeof USERS)[keyof typeof USERS]][]) {
    const context = await playwrightRequest.newContext({ baseURL });
    expect((await signIn(context, baseURL, user)).status()).toBe(200);
    states[role] = path.join(dir, `${role}.json`);
    await context.storageState({ path: states[role] });
    await context.dispose();
  }
});

test.afterAll(() => {
  server?.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function as(role: keyof typeof USERS): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: states[role] });
}

async function overview(api: APIRequestContext) {
  const res = await api.get('/api/v1/overview');
  expect(res.status()).toBe(200);
  return (await res.json()).overview as { series: number; points: number; projects: { slug: string }[] };
}

async function home(browser: Browser, role: keyof typeof USERS, width: Width) {
  const context = await browser.newContext({
    baseURL,
    storageState: states[role],
    viewport: width.viewport,
    colorScheme: width.colorScheme,
  });
  const page = await context.newPage();
  await page.goto('/');
  return { context, page };
}

test('POST /api/v1/demo refuses anonymous callers, other roles and hostile bodies, storing nothing', async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.post('/api/v1/demo', { headers: sameOrigin(baseURL), data: {} })).status()).toBe(401);
  expect((await anonymous.get('/api/v1/overview')).status()).toBe(401);
  await anonymous.dispose();

  const viewer = await as('viewer');
  const refused = await viewer.post('/api/v1/demo', { headers: sameOrigin(baseURL), data: {} });
  expect(refused.status()).toBe(403);
  await viewer.dispose();

  const admin = await as('admin');
  const post = (body: string, type = 'application/json', headers = sameOrigin(baseURL, freshIp())) =>
    admin.fetch('/api/v1/demo', {
      method: 'POST',
      headers: { ...headers, 'content-type': type },
      data: Buffer.from(body),
    });
  const cases: [string, number, RegExp][] = [
    ['{"days":0}', 422, /days must be a whole number from 1 to 7/],
    ['{"days":8}', 422, /days must be a whole number from 1 to 7/],
    ['{"days":1e9}', 422, /days must be a whole number from 1 to 7/],
    ['{"days":1.5}', 422, /days must be a whole number/],
    ['{"days":"2"}', 422, /days must be a number/],
    ['{"days":null}', 422, /days/],
    ['{"days":1,"project":"x"}', 422, /only "days" may be sent/],
    ['{"__proto__":{"admin":true}}', 422, /only "days" may be sent/],
    ['[]', 422, /send a JSON object/],
    ['{"days":', 400, /not valid JSON/],
    [JSON.stringify({ days: 1, pad: 'x'.repeat(2_000) }), 413, /exceeds 1024 bytes/],
  ];
  for (const [body, status, message] of cases) {
    const res = await post(body);
    expect(res.status(), body.slice(0, 40)).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  }
  expect((await post('{}', 'text/plain')).status()).toBe(415);
  // A cookie-authenticated change from another site.
  const foreign = await post('{}', 'application/json', {
    origin: 'https://evil.example',
    'x-forwarded-for': freshIp(),
  });
  expect(foreign.status()).toBe(403);

  // Self-monitoring (on by default) records every request above into the built-in project; the
  // home's overview is about the users' own projects and still finds none.
  expect(await overview(admin)).toMatchObject({ series: 0, points: 0, projects: [] });
  const projects = (await (await admin.get('/api/v1/projects')).json()).projects as {
    slug: string;
    builtIn: boolean;
  }[];
  expect(projects.map((p) => [p.slug, p.builtIn])).toEqual([['observatory', true]]);
  await admin.dispose();
});

test('an empty home says how to send data; only admins are offered the demo', async ({ browser }) => {
  for (const width of WIDTHS) {
    const { context, page } = await home(browser, 'viewer', width);
    await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
    await expect(page.getByLabel('Example: send one metric with curl')).toContainText(
      `curl -X POST ${baseURL}/api/v1/metrics`,
    );
    const example = page.getByLabel('Example: send one metric with curl');
    // Its body is valid JSON across its lines, and at 1280 px nothing is cut off.
    const body = (await example.textContent())!.split("-d '")[1]!.split("'")[0]!;
    expect(JSON.parse(body)).toMatchObject({ points: [{ name: 'checkout.duration', value: 182 }] });
    if (width === DESKTOP)
      expect(await example.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expect(page.getByRole('link', { name: 'Settings → Projects' })).toHaveAttribute('href', '/settings/projects');
    await expect(page.getByText('An admin can load it.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load demo data' })).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, `empty-viewer-${width.name}.png`), fullPage: true });
    await context.close();
  }

  for (const width of WIDTHS) {
    const { context, page } = await home(browser, 'admin', width);
    await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${width.name} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `empty-admin-${width.name}.png`), fullPage: true });
    await context.close();
  }
});

test('an admin loads the demo from the keyboard; the home then draws the demo project', async ({ browser }) => {
  const { context, page } = await home(browser, 'admin', DESKTOP);
  const button = page.getByRole('button', { name: 'Load demo data' });
  await expect(button).toBeVisible();
  // Reached with Tab like any other control, and pressed with Enter.
  for (let i = 0; i < 40 && !(await button.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Loading demo data…' })).toBeDisabled();
  // Progress is shown while it loads: a bar, and the hours written once the server reports them.
  await expect(page.getByRole('progressbar', { name: 'Demo data written' })).toBeVisible();
  await expect(page.getByTestId('demo-progress')).toHaveText(/^(Hour \d+ of 48 written|Writing the history)/);
  await page.screenshot({ path: path.join(SHOTS, 'loading-admin-desktop.png'), fullPage: true });

  // The page is drawn again with the data: the Observatory view of the demo project.
  const kpis = page.getByRole('region', { name: 'Key numbers' });
  await expect(kpis).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole('heading', { name: 'No data yet' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Demo shop');
  await expect(kpis.locator('[data-kpi="p95"]')).toContainText(/\d/);
  const admin = await as('admin');
  const stored = await overview(admin);
  expect(stored.series).toBeGreaterThan(150);
  expect(stored.points).toBeGreaterThan(20_000);
  await page.screenshot({ path: path.join(SHOTS, 'loaded-admin-desktop.png'), fullPage: true });
  await context.close();

  const mobile = await home(browser, 'viewer', MOBILE);
  await expect(mobile.page.getByRole('region', { name: 'Key numbers' })).toBeVisible();
  await expect(mobile.page.getByRole('combobox', { name: 'Project' })).toHaveValue('demo');
  const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await mobile.page.screenshot({ path: path.join(SHOTS, 'loaded-viewer-mobile.png'), fullPage: true });
  await mobile.context.close();

  // The data arrived through ingestion: the query API reads it.
  const stats = await admin.get(
    `/api/v1/query/stats?project=demo&metric=http.server.request.duration&from=${Date.now() - 2 * 86_400_000}`,
  );
  expect(stats.status()).toBe(200);
  // A shop at tens of requests a second at its busiest: well over half a million requests in two days.
  expect((await stats.json()).stats.count).toBeGreaterThan(500_000);

  const again = await admin.post('/api/v1/demo', { headers: sameOrigin(baseURL), data: {} });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toMatch(/project "demo" already has data/);
  await admin.dispose();
});

test('Settings shows the demo shop live and an admin turns it off; hostile bodies change nothing', async ({
  browser,
}) => {
  const admin = await as('admin');
  expect((await (await admin.get('/api/v1/demo/live')).json()).enabled).toBe(true);
  for (const data of [{ enabled: 'no' }, { enabled: true, extra: 1 }, [], 'off', { enabled: null }]) {
    const res = await admin.fetch('/api/v1/demo/live', {
      method: 'PUT',
      headers: { ...sameOrigin(baseURL), 'content-type': 'application/json' },
      data: JSON.stringify(data),
    });
    expect(res.status(), JSON.stringify(data)).toBe(422);
    expect((await res.json()).error.message).toMatch(/enabled|only "enabled"|JSON object/);
  }
  expect((await (await admin.get('/api/v1/demo/live')).json()).enabled).toBe(true);

  const { context, page } = await home(browser, 'admin', DESKTOP);
  await page.goto('/settings');
  const card = page.getByRole('region', { name: 'Demo shop, live' });
  await expect(card.getByTestId('demo-live-state')).toHaveText('On');
  await card.getByRole('button', { name: 'Turn off' }).click();
  await expect(card.getByTestId('demo-live-state')).toHaveText('Off');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Demo shop, live' }).getByTestId('demo-live-state')).toHaveText('Off');
  await page.screenshot({ path: path.join(SHOTS, 'settings-demo-live-desktop.png'), fullPage: true });
  expect((await (await admin.get('/api/v1/demo/live')).json()).enabled).toBe(false);
  await context.close();
  await admin.dispose();
});

test('two loads at once: one writes, the other is refused', async () => {
  const admin = await as('admin');
  expect((await admin.delete('/api/v1/projects/demo', { headers: sameOrigin(baseURL) })).status()).toBe(200);
  expect((await overview(admin)).series).toBe(0);
  const [a, b] = await Promise.all(
    [1, 2].map(() => admin.post('/api/v1/demo', { headers: sameOrigin(baseURL, freshIp()), data: { days: 1 } })),
  );
  expect([a!.status(), b!.status()].sort()).toEqual([201, 409]);
  const stored = await overview(admin);
  expect(stored.projects.map((p) => p.slug)).toEqual(['demo']);
  const created = (await (a!.status() === 201 ? a! : b!).json()).demo as { rawPoints: number; days: number };
  expect(created.days).toBe(1);
  // The live minute may have been written since (the demo-live job): never fewer.
  expect(stored.points).toBeGreaterThanOrEqual(created.rawPoints);
  await admin.dispose();
});
