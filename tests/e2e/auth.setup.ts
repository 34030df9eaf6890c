/**
 * Signs in once per role and keeps each browser state for the suites: the admin created from
 * ADMIN_EMAIL/ADMIN_PASSWORD at start, and a member and a viewer the admin creates.
 */
import fs from 'node:fs';
import { expect, request as playwrightRequest, test as setup } from '@playwright/test';
import { E2E_ADMIN, recordSecret, ROLE_USERS, sameOrigin, signIn, STORAGE_DIR, storageState } from '../helpers/e2e';

setup('sign in as admin, member and viewer', async ({ baseURL }) => {
  fs.mkdirSync(STORAGE_DIR, { recursive: true });
  recordSecret(E2E_ADMIN.password);

  const admin = await playwrightRequest.newContext({ baseURL });
  const res = await signIn(admin, baseURL!, E2E_ADMIN);
  expect(res.status(), await res.text()).toBe(200);
  await admin.storageState({ path: storageState('admin') });

  for (const [role, user] of Object.entries(ROLE_USERS) as [
    keyof typeof ROLE_USERS,
    (typeof ROLE_USERS)[keyof typeof ROLE_USERS],
  ][]) {
    recordSecret(user.password);
    const created = await admin.post('/api/v1/users', { headers: sameOrigin(baseURL!), data: { ...user, role } });
    expect(created.status(), await created.text()).toBe(201);
    const context = await playwrightRequest.newContext({ baseURL });
    expect((await signIn(context, baseURL!, user)).status()).toBe(200);
    await context.storageState({ path: storageState(role) });
    await context.dispose();
  }
  await admin.dispose();
});
