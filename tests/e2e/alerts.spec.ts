/**
 * The alerts page against a real server: a webhook channel added through the form (its URL
 * shown only as a masked hint), a rule written in the editor and previewed over 24 hours, the
 * rule firing from real request records and notifying a real receiver on 127.0.0.1, then
 * acknowledged; a test notification with its delivery log; viewers cannot change anything.
 * The editor, the firing alert and the delivery log fit 1280 px and 375 px; screenshots at 1280 px
 * (tests/e2e/screens.spec.ts draws the page at both widths).
 */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { fitsBothWidths, recordSecret, sameOrigin, storageState } from '../helpers/e2e';
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
  // The reason sits next to the field it is about, which is marked invalid.
  await expect(channelForm.getByText(/^Webhook URL .*link-local or cloud metadata/)).toBeVisible({ timeout: 15_000 });
  await expect(channelForm.getByLabel('Webhook URL')).toHaveAttribute('aria-invalid', 'true');

  // A rule, previewed, then saved.
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('button', { name: 'New rule' }).click();
  const editor = page.getByRole('form', { name: 'New rule' });
  await editor.getByLabel('Name').fill('Checkout errors');
  await editor.getByLabel('Statistic').selectOption('error_ratio');
  await editor.getByLabel('Threshold', { exact: true }).fill('0.05');
  await editor.getByLabel('For (minutes)').fill('0');
  await editor.getByLabel('Severity').selectOption('critical');
  await editor.getByLabel('Ops hook (webhook)').check();
  await editor.getByRole('button', { name: 'Preview last 24 h' }).click();
  await expect(editor.getByText(/Over the last 24 hours this rule would have fired 1 time\./)).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-editor.png`), fullPage: true });
  await fitsBothWidths(page, 'the rule editor with its preview');
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
  await fitsBothWidths(page, 'the acknowledged alert');

  // A test notification and the delivery log.
  await channels.getByRole('button', { name: 'Send test' }).click();
  await expect(channels.getByRole('status')).toHaveText(/Test notification sent after 1 attempt/);
  await channels.getByRole('button', { name: 'Delivery log' }).click();
  const log = channels.getByRole('list', { name: 'Deliveries of Ops hook' });
  await expect(log.getByText(/test · sent · 1 attempt/)).toBeVisible();
  await expect(log.getByText(/firing · sent · 1 attempt/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'History' }).getByText(/Checkout errors · firing/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-log.png`), fullPage: true });
  await fitsBothWidths(page, 'the delivery log');

  // The firing alert links to its evidence: the view of its metric over the time it fired.
  const evidence = row.getByTestId('alert-evidence');
  const href = (await evidence.getAttribute('href'))!;
  const target = new URL(href, baseURL);
  expect(target.searchParams.get('project')).toBe(slug);
  expect(target.searchParams.get('period')).toBe('custom');
  const from = Date.parse(target.searchParams.get('from')!);
  expect(from).toBeLessThan(Date.now() - 55 * 60_000);
  await evidence.click();
  await expect(page).toHaveURL(/period=custom/);
  await expect(page.getByTestId('range')).toHaveAttribute('data-from', String(from));
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

/** A project with the default rules, a channel and a silence, made through the API as an admin. */
async function seededProject(baseURL: string, slug: string) {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const headers = sameOrigin(baseURL);
  expect([201, 409]).toContain(
    (await admin.post('/api/v1/projects', { headers, data: { name: slug, slug } })).status(),
  );
  const rules = (await (await admin.get(`/api/v1/projects/${slug}/alerts/rules`)).json()) as {
    rules: { id: string; name: string }[];
  };
  const channels = (await (await admin.get(`/api/v1/projects/${slug}/alerts/channels`)).json()) as {
    channels: unknown[];
  };
  if (channels.channels.length === 0) {
    const made = await admin.post(`/api/v1/projects/${slug}/alerts/channels`, {
      headers,
      data: { type: 'email', name: 'Team mail', to: ['team@e2e.test'] },
    });
    expect(made.status(), await made.text()).toBe(201);
    const silenced = await admin.post(`/api/v1/projects/${slug}/alerts/silences`, {
      headers,
      data: { ruleId: rules.rules[0]!.id, endsAt: new Date(Date.now() + 3_600_000).toISOString(), comment: 'deploy' },
    });
    expect(silenced.status(), await silenced.text()).toBe(201);
  }
  await admin.dispose();
}

/** Buttons on the page that only read (every other one changes something). */
const READING = /^(Delivery log|Hide log|Open navigation|Close navigation|Sign out|Use (light|dark|system) theme.*)$/;

test.describe('a viewer on the alerts page', () => {
  test.use({ storageState: storageState('viewer') });

  test('sees every change disabled with the reason, and no channel form', async ({ page, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    const slug = `alerts-viewer-${testInfo.project.name}`;
    await seededProject(baseURL!, slug);
    await page.goto(`/alerts?project=${slug}`);
    await expect(page.getByLabel('Project')).toHaveValue(/.+/);
    const rules = page.getByRole('region', { name: 'Rules' });
    await expect(rules.getByText('Error rate above 5%')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'Channels' }).getByText('Team mail')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Silences' }).getByText('deploy')).toBeVisible();
    await expect(page.getByRole('form', { name: 'New channel' })).toHaveCount(0);
    await expect(page.getByText('Read-only: viewers cannot change alert rules, channels or silences.')).toBeVisible();

    const newRule = rules.getByRole('button', { name: 'New rule' });
    await expect(newRule).toHaveAttribute('aria-disabled', 'true');
    await expect(newRule).toHaveAttribute('title', 'Viewers cannot change alert rules, channels or silences');
    const buttons = page.getByRole('main').getByRole('button');
    const count = await buttons.count();
    let changes = 0;
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      const name = (await button.getAttribute('aria-label')) ?? (await button.innerText()).trim();
      if (READING.test(name)) continue;
      changes++;
      await expect(button, name).toBeDisabled();
    }
    expect(changes).toBeGreaterThanOrEqual(12);

    // Pressing one does nothing: no editor, no request, no error.
    let changed = 0;
    page.on('request', (r) => {
      if (r.method() !== 'GET') changed++;
    });
    await newRule.click({ force: true });
    await rules.getByRole('button', { name: 'Turn off rule Error rate above 5%' }).click({ force: true });
    await expect(page.getByRole('form', { name: 'New rule' })).toHaveCount(0);
    expect(changed).toBe(0);
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-viewer.png`), fullPage: true });
  });
});

test.describe('a member on the alerts page', () => {
  test.use({ storageState: storageState('member') });

  test('may change rules, and is told in plain words what a rule needs', async ({ page, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    const slug = `alerts-member-${testInfo.project.name}`;
    await seededProject(baseURL!, slug);
    // One request, so the project reports the request metrics the rule form offers.
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
    const keyRes = await admin.post(`/api/v1/projects/${slug}/keys`, {
      headers: sameOrigin(baseURL!),
      data: { kind: 'ingest', name: 'metrics list' },
    });
    expect(keyRes.status()).toBe(201);
    const { key } = (await keyRes.json()) as { key: string };
    recordSecret(key);
    const sent = await admin.post('/api/v1/requests', {
      headers: { authorization: `Bearer ${key}` },
      data: { requests: [{ service: 'shop-api', route: '/checkout', method: 'post', status: 200, durationMs: 40 }] },
    });
    expect(sent.status(), await sent.text()).toBe(202);
    await admin.dispose();
    await page.goto(`/alerts?project=${slug}`);
    const rules = page.getByRole('region', { name: 'Rules' });
    await expect(rules.getByText('p95 latency above 2000 ms')).toBeVisible({ timeout: 15_000 });
    // Values carry the unit of the rule's metric; ratios read as percentages.
    await expect(rules.getByText(/p95 of http\.server\.request\.duration > 2000 ms over 5 min/)).toBeVisible();
    await expect(rules.getByText(/error_ratio of requests > 5% over 5 min/)).toBeVisible();
    await expect(page.getByRole('form', { name: 'New channel' })).toBeVisible();

    const newRule = rules.getByRole('button', { name: 'New rule' });
    await expect(newRule).not.toHaveAttribute('aria-disabled');
    await newRule.click();
    const editor = page.getByRole('form', { name: 'New rule' });
    await editor.getByLabel('Threshold', { exact: true }).fill('lots');
    await editor.getByLabel('Window (minutes)').fill('0');
    await editor.getByRole('button', { name: 'Create rule' }).click();
    await expect(editor.getByText('Enter a name')).toBeVisible({ timeout: 15_000 });
    await expect(editor.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByText('Threshold must be a number')).toBeVisible();
    await expect(editor.getByText('Window must be from 1 minute to 3 days')).toBeVisible();
    await expect(editor.getByLabel('Severity')).not.toHaveAttribute('aria-invalid');
    await expect(page.getByText(/control characters|Too small|invalid body/)).toHaveCount(0);
    await page.screenshot({
      path: testInfo.outputPath(`${testInfo.project.name}-alerts-editor-errors.png`),
      fullPage: true,
    });

    // The metric field offers the project's metrics, and says so when one is not among them.
    await editor.getByLabel('Statistic').selectOption('p95');
    const metric = editor.getByLabel('Metric');
    await metric.fill('no.such.metric');
    await expect(editor.getByText(/reports no metric named "no\.such\.metric" yet/)).toBeVisible();
    const offered = await editor
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain('http.server.request.duration');
    // A preview of it says there was no data, not merely that it would not have fired.
    await editor.getByLabel('Name').fill('Nothing to read');
    await editor.getByLabel('Threshold', { exact: true }).fill('100');
    await editor.getByLabel('Window (minutes)').fill('5');
    await editor.getByRole('button', { name: 'Preview last 24 h' }).click();
    await expect(editor.getByText(/there was no data for this rule/)).toBeVisible({ timeout: 30_000 });
    await metric.fill('http.server.request.duration');
    await expect(editor.getByText('Reported by this project: distribution in ms')).toBeVisible();
    await editor.getByRole('button', { name: 'Cancel' }).click();

    // A rule turned off says "off" in a neutral badge, not a green state.
    const row = rules.getByRole('listitem').filter({ hasText: 'LCP p75 above 4 s' });
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/alerts/rules/'));
    await row.getByRole('button', { name: 'Turn off rule LCP p75 above 4 s' }).click();
    expect((await saved).status()).toBe(200);
    await expect(row.getByText('off', { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(row.getByText('inactive', { exact: true })).toHaveCount(0);
    await expect(row.getByText('Off: not evaluated, never notifies')).toBeVisible();
    await row.getByRole('button', { name: 'Turn on rule LCP p75 above 4 s' }).click();
    await expect(row.getByText('off', { exact: true })).toHaveCount(0, { timeout: 15_000 });
  });

  test('writes a rule for one route, and makes a silence from scratch', async ({ page, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    const slug = `alerts-filters-${testInfo.project.name}`;
    await seededProject(baseURL!, slug);
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
    const keyRes = await admin.post(`/api/v1/projects/${slug}/keys`, {
      headers: sameOrigin(baseURL!),
      data: { kind: 'ingest', name: 'filters' },
    });
    const { key } = (await keyRes.json()) as { key: string };
    recordSecret(key);
    const sent = await admin.post('/api/v1/requests', {
      headers: { authorization: `Bearer ${key}` },
      data: { requests: [{ service: 'shop-api', route: '/checkout', method: 'POST', status: 200, durationMs: 40 }] },
    });
    expect(sent.status(), await sent.text()).toBe(202);

    await page.goto(`/alerts?project=${slug}`);
    const rules = page.getByRole('region', { name: 'Rules' });
    await rules.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByRole('form', { name: 'New rule' });
    await editor.getByLabel('Name').fill('Checkout slow');
    await editor.getByLabel('Threshold', { exact: true }).fill('500');
    // The service field offers the project's services.
    await expect
      .poll(() =>
        editor.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
      )
      .toContain('shop-api');
    await editor.getByLabel('Only service').fill('shop-api');
    await editor.getByLabel('Only method').selectOption('POST');
    await editor.getByLabel('Only route').fill('/checkout');
    await editor.getByRole('button', { name: 'Create rule' }).click();
    await expect(rules.getByText('Checkout slow')).toBeVisible({ timeout: 15_000 });
    await expect(
      rules.getByText(/p95 of http\.server\.request\.duration \(POST \/checkout of shop-api\) > 500 ms/),
    ).toBeVisible();
    const listed = (await (await admin.get(`/api/v1/projects/${slug}/alerts/rules`)).json()) as {
      rules: { name: string; filters: Record<string, string> }[];
    };
    expect(listed.rules.find((r) => r.name === 'Checkout slow')!.filters).toEqual({
      service: 'shop-api',
      method: 'POST',
      route: '/checkout',
    });

    const silences = page.getByRole('region', { name: 'Silences' });
    await silences.getByRole('button', { name: 'New silence' }).click();
    const form = page.getByRole('form', { name: 'New silence' });
    await form.getByRole('combobox', { name: 'Label' }).selectOption('severity');
    await form.getByRole('textbox', { name: 'Label value' }).fill('low');
    await form.getByRole('combobox', { name: 'For' }).selectOption({ label: '4 hours from now' });
    await form.getByRole('textbox', { name: 'Comment' }).fill('maintenance window');
    await form.getByRole('button', { name: 'Create silence' }).click();
    await expect(silences.getByText('severity=low')).toBeVisible({ timeout: 15_000 });
    await expect(silences.getByText(/maintenance window/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-silence.png`), fullPage: true });
    const made = (await (await admin.get(`/api/v1/projects/${slug}/alerts/silences`)).json()) as {
      silences: { matchers: { name: string; value: string }[]; endsAt: string; comment: string }[];
    };
    const silence = made.silences.find((x) => x.comment === 'maintenance window')!;
    expect(silence.matchers).toEqual([{ name: 'severity', value: 'low' }]);
    const hours = (Date.parse(silence.endsAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.5);
    expect(hours).toBeLessThanOrEqual(4);
    await admin.dispose();
  });
});

test('the page arrives with the project’s alerts in its HTML (prefetched on the server)', async ({
  page,
  baseURL,
}, testInfo) => {
  const slug = `alerts-ssr-${testInfo.project.name}`;
  await seededProject(baseURL!, slug);
  const html = await (await page.request.get(`/alerts?project=${slug}`)).text();
  expect(html).toContain('Error rate above 5%');
  expect(html).toContain('Team mail');
  expect(html).not.toContain('Loading projects…');
  // The address keeps a project chosen on the page.
  await page.goto('/alerts');
  await page.getByLabel('Project').selectOption({ label: slug });
  await expect(page).toHaveURL(new RegExp(`[?&]project=${slug}$`));
  await page.reload();
  await expect(page.getByLabel('Project').locator('option:checked')).toHaveText(slug);
  await expect(page.getByRole('region', { name: 'Channels' }).getByText('Team mail')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-alerts-admin.png`), fullPage: true });
});
