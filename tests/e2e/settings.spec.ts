/**
 * Settings as an admin uses it: projects with their keys and share links, users, the audit log;
 * what a viewer and a member see instead (changes disabled with the reason, admin sections
 * left out); refusals shown next to their field in plain words. What a step leaves on screen (a
 * key or password shown once, the goals) fits 1280 px and 375 px; screenshots at 1280 px
 * (tests/e2e/screens.spec.ts draws every page at both widths).
 */
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { fitsBothWidths, recordSecret, sameOrigin, storageState } from '../helpers/e2e';

const formError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

test('an admin creates a project, a key shown once, a share link, and revokes them', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(90_000);
  const name = `Checkout ${testInfo.project.name} ${Date.now().toString(36)}`;
  const shot = (label: string) =>
    page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-${label}.png`), fullPage: true });

  await page.goto('/settings/projects');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('region', { name: 'New project' });

  // Refused input is shown next to its field in plain words, and nothing is created.
  const nameField = form.getByLabel('Name', { exact: true });
  await nameField.fill('   ');
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByText('Enter a name', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/control characters/)).toHaveCount(0);
  await nameField.fill('bell\u0007');
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByText('Project name must not contain control characters')).toBeVisible({ timeout: 15_000 });
  await nameField.fill(name);
  await form.getByLabel('Allowed origins').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByText(/^Origin must look like https:\/\/example\.com/)).toBeVisible({ timeout: 15_000 });
  await expect(form.getByLabel('Allowed origins')).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).not.toHaveAttribute('aria-invalid');
  await expect(form.getByText(/allowedOrigins/)).toHaveCount(0);
  await shot('project-error');

  await form.getByLabel('Allowed origins').fill('https://checkout.example\nhttps://www.checkout.example');
  await form.getByRole('button', { name: 'Create project' }).click();
  const card = page.getByRole('article', { name });
  await expect(card).toBeVisible();
  await expect(card.getByText('https://www.checkout.example')).toBeVisible();
  await expect(card.getByText(/data-site="[0-9A-Za-z]{12}"/)).toBeVisible();

  // A key: shown once, then only its prefix.
  await card.getByRole('button', { name: 'New key' }).click();
  const keyForm = card.getByRole('form', { name: 'New key' });
  await keyForm.getByLabel('Name', { exact: true }).fill('api servers');
  await keyForm.getByRole('button', { name: 'Create key' }).click();
  await expect(card.getByText('it will not be shown again.')).toBeVisible({ timeout: 15_000 });
  const key = (await card.getByText(/^obs_ing_[0-9A-Za-z]{32}$/).textContent())!;
  recordSecret(key);
  await shot('key-shown-once');
  await fitsBothWidths(page, 'a project with its new key');

  const anon = await playwrightRequest.newContext({ baseURL });
  expect((await anon.get('/api/v1/whoami', { headers: { 'x-api-key': key } })).status()).toBe(200);

  await card.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByText(key)).toHaveCount(0);
  await expect(card.getByText(key.slice(0, 12)).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);

  await card.getByRole('button', { name: 'Revoke key api servers' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(card.getByText('Revoked', { exact: true })).toBeVisible();
  expect((await anon.get('/api/v1/whoami', { headers: { 'x-api-key': key } })).status()).toBe(401);

  // A share link works for anyone until it is revoked.
  await card.getByRole('button', { name: 'New link' }).click();
  const shareForm = card.getByRole('form', { name: 'New share link' });
  await shareForm.getByLabel('Name', { exact: true }).fill('status page');
  await shareForm.getByRole('button', { name: 'Create link' }).click();
  const url = (await card.getByText(/\/share\/obs_shr_[0-9A-Za-z]{32}$/).textContent())!;
  recordSecret(url.split('/share/')[1]!);
  expect((await anon.get(url)).status()).toBe(200);
  await anon.dispose();

  // Deleting names the project and asks first.
  await card.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(name);
  await shot('delete-confirm');
  await dialog.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByRole('article', { name })).toHaveCount(0);
  const check = await playwrightRequest.newContext({ baseURL });
  expect((await check.get(url)).status()).toBe(404);
  await check.dispose();
});

test('an admin sees the services that sent data, and sets, is refused, and resets goals', async ({
  page,
  baseURL,
}, testInfo) => {
  // Many steps, each a request or two: room for a busy machine.
  test.setTimeout(120_000);
  const slug = `goals-${testInfo.project.name}-${Date.now().toString(36)}`;
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  expect(
    (await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL!), data: { name: slug, slug } })).status(),
  ).toBe(201);
  const created = await admin.post(`/api/v1/projects/${slug}/keys`, {
    headers: sameOrigin(baseURL!),
    data: { kind: 'ingest', name: 'checkout' },
  });
  const { key } = (await created.json()) as { key: string };
  recordSecret(key);
  const anon = await playwrightRequest.newContext({ baseURL });
  const sent = await anon.post('/api/v1/requests', {
    headers: { 'x-api-key': key },
    data: {
      requests: [
        { service: 'checkout-api', route: '/orders/17', method: 'GET', status: 200, durationMs: 41 },
        { service: 'checkout-api', route: '/orders', method: 'POST', status: 201, durationMs: 120 },
        { service: 'payments', route: '/charge', method: 'POST', status: 200, durationMs: 300 },
      ],
    },
  });
  expect(sent.status(), await sent.text()).toBe(202);
  await anon.dispose();

  await page.goto('/settings/projects');
  const card = page.getByRole('article', { name: slug });
  const services = card.getByRole('list', { name: 'Services' });
  await expect(services.locator('[data-service="checkout-api"]')).toContainText('2 routes', { timeout: 30_000 });
  await expect(services.locator('[data-service="payments"]')).toContainText('1 route');

  const table = card.getByRole('table', { name: `Goals of ${slug}` });
  await expect(table.locator('[data-goal="p95"]')).toContainText('≤ 500 ms');
  await expect(table.locator('[data-goal="throughput"]')).toContainText('≥ 1,000 req/s');
  await card.getByRole('button', { name: `Edit goals of ${slug}` }).click();
  const form = card.getByRole('form', { name: `Goals of ${slug}` });
  await form.getByLabel('Response time p95 target (at most)').fill('800');
  await form.getByLabel('Response time p95 critical (above)').fill('600');
  await form.getByRole('button', { name: 'Save goals' }).click();
  // Refused in plain words, naming the goal, and nothing is stored.
  await expect(formError(page)).toContainText('Response time p95: critical must be greater than the target (800 ms)');
  await page.screenshot({
    path: testInfo.outputPath(`${testInfo.project.name}-settings-goals-error.png`),
    fullPage: true,
  });
  expect((await (await admin.get(`/api/v1/projects/${slug}/goals`)).json()).goals.p95.custom).toBe(false);

  await form.getByLabel('Response time p95 critical (above)').fill('1600');
  await form.getByLabel('Throughput target (at least)').fill('50');
  await form.getByLabel('Throughput critical (below)').fill('10');
  await form.getByRole('button', { name: 'Save goals' }).click();
  await expect(form).toHaveCount(0);
  await expect(table.locator('[data-goal="p95"]')).toContainText('≤ 800 ms');
  await expect(table.locator('[data-goal="p95"]')).toContainText('> 1.60 s');
  await expect(table.locator('[data-goal="p95"]')).toContainText('custom');
  await expect(table.locator('[data-goal="throughput"]')).toContainText('< 10 req/s');
  const stored = (await (await admin.get(`/api/v1/projects/${slug}/goals`)).json()).goals;
  expect(stored.p95).toMatchObject({ target: 800, critical: 1600, custom: true });
  expect(stored.throughput).toMatchObject({ target: 50, critical: 10, custom: true });
  const audit = (await (await admin.get(`/api/v1/audit?project=${slug}`)).json()).events as { action: string }[];
  expect(audit.map((e) => e.action)).toContain('goals.update');

  // Back to the default, one goal only.
  await card.getByRole('button', { name: `Edit goals of ${slug}` }).click();
  await form.getByRole('button', { name: 'Reset Response time p95 to the default' }).click();
  await expect(form.getByLabel('Response time p95 target (at most)')).toHaveValue('500');
  await form.getByRole('button', { name: 'Save goals' }).click();
  await expect(form).toHaveCount(0);
  await expect(table.locator('[data-goal="p95"]')).toContainText('≤ 500 ms');
  await expect(table.locator('[data-goal="p95"]')).not.toContainText('custom');
  await expect(table.locator('[data-goal="throughput"]')).toContainText('custom');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-goals.png`), fullPage: true });
  await fitsBothWidths(page, 'a project with its goals and services');

  // A service is deleted by name; its data stays.
  await services.getByRole('button', { name: 'Delete service payments' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete service' }).click();
  await expect(services.locator('[data-service="payments"]')).toHaveCount(0);
  await expect(services.locator('[data-service="checkout-api"]')).toBeVisible();
  expect((await admin.delete(`/api/v1/projects/${slug}`, { headers: sameOrigin(baseURL!) })).status()).toBe(200);
  await admin.dispose();
});

test('an admin adds a user with a generated password shown once, changes the role, removes them', async ({
  page,
}, testInfo) => {
  const email = `new-${testInfo.project.name}-${Date.now().toString(36)}@e2e.test`;
  await page.goto('/settings/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('region', { name: 'New user' });
  await form.getByLabel('Email', { exact: true }).fill('not-an-email');
  await form.getByLabel('Name', { exact: true }).fill('New Person');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('Email is not a valid address')).toBeVisible({ timeout: 15_000 });
  await expect(form.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('it will not be shown again.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-users.png`), fullPage: true });
  await fitsBothWidths(page, 'a new user with the password shown once');

  const row = page.getByRole('listitem').filter({ hasText: email });
  await row.getByRole('combobox').selectOption('member');
  await expect
    .poll(
      async () =>
        (await (await page.request.get('/api/v1/users')).json()).users.find((u: { email: string }) => u.email === email)
          ?.role,
    )
    .toBe('member');
  await row.getByRole('button', { name: /Remove/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Remove/ })
    .click();
  await expect(row).toHaveCount(0);
});

test('the audit log shows who did what by name, filtered by project, action and actor', async ({ page }, testInfo) => {
  await page.goto('/settings/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  // Narrowed by action (other suites' events may fill the first page): the admin created from
  // ADMIN_EMAIL at start, by "system", and the sign-ins. The choices come from the log itself.
  const table = page.getByRole('table');
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await page.getByLabel('Action').selectOption('user.create');
  await expect(table.getByText('user.create').first()).toBeVisible();
  await expect(rows.filter({ hasNotText: 'user.create' })).toHaveCount(0);
  await page.getByLabel('Action').selectOption('user.sign-in');
  await expect(rows.first()).toContainText('user.sign-in');
  await expect(rows.filter({ hasNotText: 'user.sign-in' })).toHaveCount(0);
  // Targets read as names (a user's email), not ids.
  const signIn = page.locator('tr', { hasText: 'user.sign-in' }).first();
  await expect(signIn).toContainText(/@/);
  await expect(signIn.getByText(/^user:/)).toHaveCount(0);

  // Then by actor too.
  const actors = await page
    .getByLabel('Actor')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(actors.length).toBeGreaterThan(0);
  await page.getByLabel('Actor').selectOption(actors[0]!);
  await expect(rows.filter({ hasNotText: 'user.sign-in' })).toHaveCount(0);
  await page.getByLabel('Action').selectOption('');
  await page.getByLabel('Actor').selectOption('');
  await expect(table.getByText('user.create').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-audit.png`), fullPage: true });
  await fitsBothWidths(page, 'the audit log');
});

test.describe('a viewer', () => {
  test.use({ storageState: storageState('viewer') });

  test('sees projects read-only and no user or audit administration', async ({ page, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    // A project of their own to look at, with Edit and Delete (the built-in one has no Delete).
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
    const slug = `viewer-settings-${testInfo.project.name}`;
    const made = await admin.post('/api/v1/projects', { headers: sameOrigin(baseURL!), data: { name: slug, slug } });
    expect([201, 409]).toContain(made.status());
    await admin.dispose();
    await page.goto('/settings/projects');
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expect(page.getByText('read-only: viewers cannot create, change or delete projects')).toBeVisible({
      timeout: 15_000,
    });
    const newProject = page.getByRole('button', { name: 'New project' });
    await expect(newProject).toBeDisabled();
    await expect(newProject).toHaveAttribute('title', 'Viewers cannot create, change or delete projects');
    // Every change on the page is disabled; keys and share links are not shown at all.
    await expect(page.getByRole('article').first()).toBeVisible();
    const changes = page.getByRole('main').getByRole('button', { name: /^(New project|Edit project|Delete project)/ });
    await expect(page.getByRole('button', { name: `Delete project ${slug}` })).toBeDisabled();
    expect(await changes.count()).toBeGreaterThanOrEqual(3);
    for (const button of await changes.all()) await expect(button).toBeDisabled();
    // Read in one go: other suites add projects meanwhile, and a list that grows between reads
    // would shift the buttons under a button-by-button walk.
    const enabled = await page
      .getByRole('main')
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons
          .filter((b) => !(b as HTMLButtonElement).disabled && !b.closest('[aria-disabled="true"]'))
          .map((b) => b.getAttribute('aria-label') ?? (b as HTMLElement).innerText),
      );
    // Copying the tracker snippet only reads.
    expect(enabled.filter((n) => !/^Cop(y|ied)/.test(n.trim()))).toEqual([]);
    await expect(page.getByRole('button', { name: 'New key' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New link' })).toHaveCount(0);
    await page.screenshot({
      path: testInfo.outputPath(`${testInfo.project.name}-settings-viewer.png`),
      fullPage: true,
    });
    for (const path of ['/settings/users', '/settings/audit']) {
      await page.goto(path);
      await expect(page.getByText('You need the admin role to see this')).toBeVisible();
    }
  });

  test('reads goals and services, and cannot change them', async ({ page, baseURL }) => {
    const { projects } = (await (await page.request.get('/api/v1/projects')).json()) as {
      projects: { id: string; builtIn: boolean }[];
    };
    const id = projects.find((p) => p.builtIn)!.id;
    // Observatory's own requests are the service "observatory", recorded within seconds of the first.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`/api/v1/projects/${id}/services`)).json()).services as { name: string }[]
          ).map((s) => s.name),
        { timeout: 30_000 },
      )
      .toContain('observatory');
    await page.goto('/settings/projects');
    const card = page.getByRole('article', { name: 'Observatory', exact: true });
    await expect(card.getByRole('table', { name: 'Goals of Observatory' }).locator('[data-goal="p50"]')).toContainText(
      '≤ 100 ms',
      { timeout: 30_000 },
    );
    await expect(card.getByRole('list', { name: 'Services' }).locator('[data-service="observatory"]')).toBeVisible();
    // The buttons stay in place, disabled with the reason, so viewers see what exists but cannot use it.
    await expect(card.getByRole('button', { name: 'Edit goals of Observatory' })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Edit goals of Observatory' })).toHaveAttribute(
      'title',
      /^Viewers cannot/,
    );
    await expect(page.getByRole('button', { name: /^Edit goals/, disabled: false })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Delete service/, disabled: false })).toHaveCount(0);
    expect((await page.request.get(`/api/v1/projects/${id}/goals`)).status()).toBe(200);
    const put = await page.request.put(`/api/v1/projects/${id}/goals`, {
      headers: sameOrigin(baseURL!),
      data: { goals: { p95: { target: 1, critical: 2 } } },
    });
    expect(put.status()).toBe(403);
    expect((await (await page.request.get(`/api/v1/projects/${id}/goals`)).json()).goals.p95.target).toBe(500);
  });
});

test.describe('a member', () => {
  test.use({ storageState: storageState('member') });

  test('sees projects read-only and no user administration', async ({ page }, testInfo) => {
    await page.goto('/settings/projects');
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New project' })).toHaveAttribute(
      'title',
      'Members cannot create, change or delete projects',
    );
    await expect(
      page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Users' }),
    ).toHaveCount(0);
    await page.goto('/settings/users');
    await expect(page.getByText('You need the admin role to see this')).toBeVisible();
    await expect(page.getByRole('button', { name: 'New user' })).toHaveCount(0);
    await page.screenshot({
      path: testInfo.outputPath(`${testInfo.project.name}-settings-member.png`),
      fullPage: true,
    });
  });
});
