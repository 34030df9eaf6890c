/**
 * The alerts page against a real server: a webhook channel added through the form (its URL
 * shown only as a masked hint), a rule written in the editor and previewed over 24 hours, the
 * rule firing from real request records and notifying a real receiver on 127.0.0.1, then
 * acknowledged; a test notification with its delivery log; viewers cannot change anything.
 * Screenshots at 1280 and 375 px (the desktop and mobile projects).
 */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';
import { startReceiver, type Receiver } from '../helpers/receiver';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: {} }));
});
test.afterAll(async () => {
  await receiver.close();
});

test('a rule written on the page fires on real traffic, notifies its webhook and is acknowledged', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const slug = `alerts-${testInfo.project.name}`;
  const created = await admin.post('/api/v1/projects', {
    headers: sameOrigin(baseURL!),
    data: { name: `Alerts ${testInfo.project.name}`, slug },
  });
  expect([201, 409]).toContain(created.status());
  const keyRes = await admin.post(`/api/v1/projects/${slug}/keys`, {
    headers: sameOrigin(baseURL!),
    data: { kind: 'ingest', name: 'alerts test' },
  });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };
  recordSecret(key);
  // One request in four fails: a 25% error ratio over the last minutes.
  const requests = Array.from({ length: 200 }, (_, i) => ({
    service: 'shop-api',
    route: '/checkout',
    method: 'post',
    status: i % 4 === 0 ? 503 : 200,
    durationMs: 40 + (i % 50),
    ts: new Date(Date.now() - i * 1_000).toISOString(),
  }));
  const sent = await admin.post('/api/v1/requests', {
    headers: { authorization: `Bearer ${key}` },
    data: { requests },
  });
  expect(sent.status(), await sent.text()).toBe(202);

  await page.goto('/alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await page.getByLabel('Project').selectOption({ label: `Alerts ${testInfo.project.name}` });

  // A channel: the URL is accepted (127.0.0.1 is allow-listed for these servers) and never shown again.
  const hookUrl = `${receiver.url}/hooks/${testInfo.project.name}-secret-path-4f2a`;
  recordSecret(hookUrl);
  const channelForm = page.getByRole('form', { name: 'New channel' });
  await channelForm.getByLabel('Type').selectOption('webhook');
  await channelForm.getByLabel('Channel name').fill('Ops hook');
  await channelForm.getByLabel('Webhook URL').fill(hookUrl);
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  const channels = page.getByRole('region', { name: 'Channels' });
  await expect(channels.getByText('Ops hook')).toBeVisible();
  await expect(channels.getByText('(ends 4f2a)')).toBeVisible();
  await expect(page.getByText(hookUrl)).toHaveCount(0);

  // A metadata URL is refused with the reason (once the form has been cleared after the first).
  await expect(channelForm.getByLabel('Channel name')).toHaveValue('');
  await channelForm.getByLabel('Channel name').fill('Metadata');
  await channelForm.getByLabel('Webhook URL').fill('http://169.254.169.254/latest/meta-data');
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  await expect(channelForm.getByRole('alert')).toHaveText(/link-local or cloud metadata/);

  // A rule, previewed, then saved.
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('button', { name: 'New rule' }).click();
  const editor = page.getByRole('form', { name: 'New rule' });
  await editor.getByLabel('Name').fill('Checkout errors');
  await editor.getByLabel('Statistic').selectOption('error_ratio');
  await editor.getByLabel('Threshold').fill('0.05');
  await editor.getByLabel('For (minutes)').fill('0');
  await editor.getByLabel('Severity').selectOption('critical');
  await editor.getByLabel('Ops hook (webhook)').check();
  await editor.getByRole('button', { name: 'Preview last 24 h' }).click();
  await expect(editor.getByText(/Over the last 24 hours this rule would have fired 1 time\./)).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-editor.png`), fullPage: true });
  await editor.getByRole('button', { name: 'Create rule' }).click();
  await expect(rules.getByText('Checkout errors')).toBeVisible();

  // The evaluator (every 5 s on these servers) fires it and the webhook hears it.
  const active = page.getByRole('region', { name: 'Firing and pending' });
  await expect(async () => {
    await page.reload();
    await page.getByLabel('Project').selectOption({ label: `Alerts ${testInfo.project.name}` });
    await expect(active.getByText('Checkout errors')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  // The project's default rules may be pending too: look at this rule's row.
  const row = active.getByRole('listitem').filter({ hasText: 'Checkout errors' });
  await expect(row.getByText('firing', { exact: true })).toBeVisible();
  await expect
    .poll(() => receiver.got.filter((g) => g.path.includes(testInfo.project.name)).length, { timeout: 20_000 })
    .toBe(1);
  const hook = receiver.got.find((g) => g.path.includes(testInfo.project.name))!.body as unknown as {
    version: string;
    status: string;
    alerts: { labels: Record<string, string> }[];
  };
  expect(hook).toMatchObject({ version: '4', status: 'firing' });
  expect(hook.alerts[0]!.labels).toMatchObject({ alertname: 'Checkout errors', severity: 'critical', project: slug });

  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row.getByText(/acknowledged by user:admin@e2e.test/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-firing.png`), fullPage: true });

  // A test notification and the delivery log.
  await channels.getByRole('button', { name: 'Send test' }).click();
  await expect(channels.getByRole('status')).toHaveText(/Test notification sent after 1 attempt/);
  await channels.getByRole('button', { name: 'Delivery log' }).click();
  const log = channels.getByRole('list', { name: 'Deliveries of Ops hook' });
  await expect(log.getByText(/test · sent · 1 attempt/)).toBeVisible();
  await expect(log.getByText(/firing · sent · 1 attempt/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'History' }).getByText(/Checkout errors · firing/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-log.png`), fullPage: true });
  await admin.dispose();
});

test('viewers read alerts but cannot change them', async ({ baseURL }, testInfo) => {
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageState('viewer') });
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const slug = `alerts-ro-${testInfo.project.name}`;
  expect([201, 409]).toContain(
    (await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL!), data: { name: slug, slug } })).status(),
  );
  const list = await viewer.get(`/api/v1/projects/${slug}/alerts/rules`);
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { rules: unknown[] }).rules.length).toBeGreaterThanOrEqual(6);
  const create = await viewer.post(`/api/v1/projects/${slug}/alerts/rules`, {
    headers: sameOrigin(baseURL!),
    data: { name: 'x', severity: 'low' },
  });
  expect(create.status()).toBe(403);
  const bad = await admin.post(`/api/v1/projects/${slug}/alerts/rules`, {
    headers: sameOrigin(baseURL!),
    data: { name: 'x', severity: 'low', threshold: 'DROP TABLE' },
  });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/threshold/);
  const nul = await admin.get(`/api/v1/projects/${slug}/alerts/rules/%00abc`);
  expect(nul.status()).toBe(404);
  await viewer.dispose();
  await admin.dispose();
});
