/**
 * Signing in and out, sessions, and the limits on guessing passwords: per account, per IP, and
 * shared by two instances through Redis. Every test uses its own accounts and client addresses.
 */
import { expect, type Page, request as playwrightRequest, test } from '@playwright/test';
import { freshIp, recordSecret, sameOrigin, signIn, storageState, uniqueEmail } from '../helpers/e2e';

/** The form's error message (Next.js's route announcer is an empty alert too). */
const formError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

const anonymous = { cookies: [], origins: [] };
test.use({ storageState: anonymous });

/** A new viewer, created by the admin, for a test that needs an account of its own. */
async function newUser(baseURL: string) {
  const user = { email: uniqueEmail('user'), name: 'Una User', password: `pw-${uniqueEmail('p')}`, role: 'viewer' };
  recordSecret(user.password);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const res = await admin.post('/api/v1/users', { headers: sameOrigin(baseURL), data: user });
  expect(res.status(), await res.text()).toBe(201);
  await admin.dispose();
  return user;
}

test.describe('in the browser', () => {
  test.use({ extraHTTPHeaders: { 'x-forwarded-for': freshIp() } });

  test('sign in, come back to the page asked for, sign out', async ({ page, baseURL }, testInfo) => {
    const user = await newUser(baseURL!);
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-sign-in.png`), fullPage: true });

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formError(page)).toHaveText('Wrong email or password');
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-sign-in-error.png`), fullPage: true });

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    const cookie = (await page.context().cookies()).find((c) => c.name === 'observatory.session_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

    await expect(page.getByText(user.email)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('a signed-in visitor is sent on from the sign-in and setup pages', async ({ page, baseURL }) => {
    const user = await newUser(baseURL!);
    expect((await signIn(page.request, baseURL!, user)).status()).toBe(200);
    await page.goto('/sign-in?next=/endpoints');
    await expect(page).toHaveURL(/\/endpoints$/);
    await page.goto('/setup');
    await expect(page).toHaveURL(/\/sign-in$|\/$/);
    // An address on another site is never a place to come back to.
    await page.goto('/sign-in?next=//evil.example/x');
    await expect(page).toHaveURL(new RegExp(`^${baseURL}/$`));
  });
});

test('a signed-out session is dead on the server, not only in the browser', async ({ baseURL }) => {
  const user = await newUser(baseURL!);
  const context = await playwrightRequest.newContext({ baseURL });
  const res = await signIn(context, baseURL!, user);
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(body).not.toMatch(/token/i);
  const saved = await context.storageState();
  recordSecret(saved.cookies[0]!.value);

  expect((await context.get('/api/auth/session')).status()).toBe(200);
  expect((await context.post('/api/auth/sign-out', { headers: sameOrigin(baseURL!) })).status()).toBe(200);
  const replay = await playwrightRequest.newContext({ baseURL, storageState: saved });
  expect((await replay.get('/api/auth/session')).status()).toBe(401);
  await context.dispose();
  await replay.dispose();
});

test('a removed user is signed out at once', async ({ baseURL }) => {
  const user = await newUser(baseURL!);
  const context = await playwrightRequest.newContext({ baseURL });
  expect((await signIn(context, baseURL!, user)).status()).toBe(200);
  const me = await (await context.get('/api/auth/session')).json();
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  expect((await admin.delete(`/api/v1/users/${me.user.id}`, { headers: sameOrigin(baseURL!) })).status()).toBe(200);
  expect((await context.get('/api/auth/session')).status()).toBe(401);
  await admin.dispose();
  await context.dispose();
});

test.describe('password guessing', () => {
  test('is stopped per account after 5 failures, even with the right password, from any address', async ({
    baseURL,
  }) => {
    const user = await newUser(baseURL!);
    const context = await playwrightRequest.newContext({ baseURL });
    for (let i = 0; i < 5; i++) {
      const res = await signIn(context, baseURL!, { email: user.email, password: `guess-${i}` });
      expect(res.status()).toBe(401);
      expect(await res.text()).not.toContain(`guess-${i}`);
    }
    const blocked = await signIn(context, baseURL!, user);
    expect(blocked.status()).toBe(429);
    const headers = blocked.headers();
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(headers['ratelimit-limit']).toBe('5');
    expect(headers['ratelimit-remaining']).toBe('0');
    expect((await blocked.json()).error.code).toBe('rate_limited');
    await context.dispose();
  });

  test('is stopped per address after 20 failures across accounts', async ({ baseURL }) => {
    const context = await playwrightRequest.newContext({ baseURL });
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await signIn(context, baseURL!, { email: uniqueEmail('nobody'), password: 'guess' }, ip);
      expect(res.status()).toBe(401);
    }
    const res = await signIn(context, baseURL!, { email: uniqueEmail('nobody'), password: 'guess' }, ip);
    expect(res.status()).toBe(429);
    // Another address is not affected.
    expect((await signIn(context, baseURL!, { email: uniqueEmail('nobody'), password: 'guess' })).status()).toBe(401);
    await context.dispose();
  });

  test('does not lock out a user who signs in correctly again and again', async ({ baseURL }) => {
    const user = await newUser(baseURL!);
    const context = await playwrightRequest.newContext({ baseURL });
    const ip = freshIp();
    for (let i = 0; i < 8; i++) expect((await signIn(context, baseURL!, user, ip)).status()).toBe(200);
    await context.dispose();
  });

  test('is counted across two instances sharing Redis', async ({ baseURL }) => {
    const second = `http://127.0.0.1:${process.env.E2E_SECOND_PORT}`;
    const health = await (await playwrightRequest.newContext()).get(`${second}/api/health`);
    expect((await health.json()).redis, 'both instances must use Redis').toBe('ok');

    const email = uniqueEmail('shared');
    const onMain = await playwrightRequest.newContext({ baseURL });
    const onSecond = await playwrightRequest.newContext({ baseURL: second });
    for (let i = 0; i < 3; i++)
      expect((await signIn(onMain, baseURL!, { email, password: 'guess' })).status()).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await signIn(onSecond, second, { email, password: 'guess' })).status()).toBe(401);
    expect((await signIn(onMain, baseURL!, { email, password: 'guess' })).status()).toBe(429);
    expect((await signIn(onSecond, second, { email, password: 'guess' })).status()).toBe(429);
    await onMain.dispose();
    await onSecond.dispose();
  });
});
