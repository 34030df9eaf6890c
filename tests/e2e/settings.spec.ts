/**
 * Settings as an admin uses it: projects with their keys and share links, users, the audit log;
 * what a viewer and a member see instead (changes disabled with the reason, admin sections
 * left out); refusals shown next to their field in plain words. Screenshots at both widths.
 */
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

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
  await noHorizontalScroll(page);

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
  await noHorizontalScroll(page);

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

test('the audit log shows who did what, filtered by project', async ({ page }, testInfo) => {
  await page.goto('/settings/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  // The admin created from ADMIN_EMAIL at start, by "system".
  await expect(page.getByText('user.create').first()).toBeVisible();
  await expect(page.getByText('user.sign-in').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-settings-audit.png`), fullPage: true });
  await noHorizontalScroll(page);
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
    const enabled: string[] = [];
    for (const button of await page.getByRole('main').getByRole('button').all()) {
      if (await button.isEnabled())
        enabled.push((await button.getAttribute('aria-label')) ?? (await button.innerText()));
    }
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
