import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DbTarget } from '../db/url';

export class AuthSecretError extends Error {
  override name = 'AuthSecretError';
}

/**
 * The secret that signs session cookies. AUTH_SECRET when set (required with PostgreSQL, where
 * every instance must share it); otherwise, on the embedded SQLite default, one generated on
 * first use and kept beside the database file (mode 0600), so a one-command install needs none.
 */
export function resolveAuthSecret(envSecret: string | undefined, database: DbTarget): string {
  if (envSecret) {
    if (envSecret.length < 32) throw new AuthSecretError('AUTH_SECRET must be at least 32 characters');
    return envSecret;
  }
  if (database.provider !== 'sqlite' || database.file === ':memory:') {
    throw new AuthSecretError(
      'AUTH_SECRET is required with PostgreSQL: every instance must share it (e.g. openssl rand -base64 48)',
    );
  }
  const file = path.join(path.dirname(database.file), 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
