import { expect, test } from '@playwright/test';

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

test('pages carry a per-request CSP nonce that their inline script uses', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => /Content Security Policy/i.test(msg.text()) && violations.push(msg.text()));

  const first = await page.goto('/');
  const csp = first!.headers()['content-security-policy'];
  const nonce = nonceOf(csp);
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  // The DOM hides nonce attributes; the property still holds it.
  const scriptNonce = await page.evaluate(
    () => document.querySelector<HTMLScriptElement>('head script:not([src])')?.nonce,
  );
  expect(scriptNonce).toBe(nonce);

  const second = await page.goto('/');
  expect(nonceOf(second!.headers()['content-security-policy'])).not.toBe(nonce);

  await page.getByRole('heading', { level: 1, name: 'Observatory' }).waitFor();
  expect(violations).toEqual([]);
});

test('API responses and pages carry the hardening headers', async ({ request }) => {
  for (const path of ['/api/health', '/settings', '/sign-in', '/api/v1/projects', '/api/v1/users', '/no-such-page']) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['content-security-policy'], path).toContain("default-src 'self'");
    // The browser tests run the production build.
    expect(headers['strict-transport-security'], path).toMatch(/^max-age=/);
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});
