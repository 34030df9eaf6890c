/**
 * Runs after every other suite: what the two servers logged while they were exercised must hold
 * no secret the tests were shown (passwords, keys, share links, session cookies, the signing
 * secret) and no unexpected server error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { recordedSecrets, STORAGE_DIR } from '../helpers/e2e';

function logs(): Record<string, string> {
  const dir = process.env.E2E_LOG_DIR!;
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function sessionCookies(): string[] {
  return fs
    .readdirSync(STORAGE_DIR)
    .flatMap(
      (f) =>
        (JSON.parse(fs.readFileSync(path.join(STORAGE_DIR, f), 'utf8')) as { cookies: { value: string }[] }).cookies,
    )
    .map((c) => c.value);
}

test('server logs hold no secrets and no unexpected errors', () => {
  const all = logs();
  expect(Object.keys(all).sort()).toEqual(['main.log', 'second.log']);
  expect(all['main.log']).toContain('listening on');
  expect(all['main.log']).toContain('created the admin admin@e2e.test from ADMIN_EMAIL');

  const authSecret = fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, 'auth-secret'), 'utf8').trim();
  const secrets = [...recordedSecrets(), ...sessionCookies(), authSecret];
  // The suites before this one were shown passwords, keys, share links and session cookies.
  expect(secrets.filter((s) => s.startsWith('obs_adm_') || s.startsWith('obs_ing_')).length).toBeGreaterThan(0);
  expect(secrets.length).toBeGreaterThan(10);

  for (const [file, text] of Object.entries(all)) {
    for (const secret of secrets) {
      // Session cookies are "token.signature"; neither half may appear.
      for (const part of secret.split('.').filter((p) => p.length >= 16)) {
        expect(text.includes(part), `${file} contains a secret starting ${part.slice(0, 6)}`).toBe(false);
      }
    }
    expect(text, file).not.toMatch(/\[api\] .* failed|internal error|Unhandled/i);
  }
});
