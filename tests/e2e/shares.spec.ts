/** Share links: a public, read-only, embeddable view of one project, gone the moment it is revoked. */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { recordSecret, sameOrigin, storageState } from '../helpers/e2e';

test.use({ storageState: { cookies: [], origins: [] } });

test('a share link opens its project to anyone until it is revoked', async ({ page, baseURL }, testInfo) => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const slug = `shared-${testInfo.project.name}`;
  const created = await admin.post('/api/v1/projects', {
    headers: sameOrigin(baseURL!),
    data: { name: `Shop ${testInfo.project.name}`, slug },
  });
  expect([201, 409]).toContain(created.status());
  const res = await admin.post(`/api/v1/projects/${slug}/shares`, {
    headers: sameOrigin(baseURL!),
    data: { name: 'Wallboard' },
  });
  expect(res.status()).toBe(201);
  const { url, share } = (await res.json()) as { url: string; share: { id: string; prefix: string } };
  recordSecret(url.split('/share/')[1]!);
  expect(url).toMatch(new RegExp(`^${baseURL}/share/obs_shr_[0-9A-Za-z]{32}$`));

  const visit = await page.goto(url);
  expect(visit!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: `Shop ${testInfo.project.name}` })).toBeVisible();
  await expect(page.getByText('Read-only shared view')).toBeVisible();
  // Embeddable anywhere, unlike every other page.
  expect(visit!.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(visit!.headers()['x-frame-options']).toBeUndefined();
  // Read-only: no navigation into the signed-in app, no settings.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-share.png`), fullPage: true });

  const listed = await (await admin.get(`/api/v1/projects/${slug}/shares`)).text();
  expect(listed).toContain(share.prefix);
  expect(listed).not.toContain(url.split('/share/')[1]);

  expect(
    (await admin.delete(`/api/v1/projects/${slug}/shares/${share.id}`, { headers: sameOrigin(baseURL!) })).status(),
  ).toBe(200);
  expect((await page.goto(url))!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await admin.dispose();
});

test('made-up and malformed share tokens are a plain 404', async ({ request }) => {
  for (const token of ['obs_shr_' + 'A'.repeat(32), 'obs_shr_x', '%00', "'%20OR%201=1", 'x'.repeat(2000)]) {
    const res = await request.get(`/share/${token}`);
    expect(res.status(), token.slice(0, 20)).toBe(404);
  }
});
