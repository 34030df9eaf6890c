/**
 * Which real services the integration suites run against.
 * SQLite always. PostgreSQL when TEST_DATABASE_URL is set, Redis when REDIS_URL is set;
 * with CI=true both are required, and an unset variable fails the run instead of skipping.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

function required(name: string): string | undefined {
  const value = process.env[name]?.trim();
  if (!value && IN_CI) throw new Error(`${name} must be set when CI=true: the suites that need it are required in CI`);
  return value || undefined;
}

export const TEST_DATABASE_URL = required('TEST_DATABASE_URL');
export const REDIS_URL = required('REDIS_URL');

export type TestDatabase = { provider: 'sqlite' | 'postgresql'; url: string; drop(): Promise<void> };

/** A fresh, empty SQLite file in its own temporary directory. */
export function freshSqlite(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-test-'));
  return {
    provider: 'sqlite',
    url: `file:${path.join(dir, 'test.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh, empty PostgreSQL schema on TEST_DATABASE_URL's server, dropped afterwards. */
export function freshPostgres(): TestDatabase {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('schema', schema);
  return {
    provider: 'postgresql',
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The databases every storage suite runs on: [name, factory] pairs for describe.each. */
export function databaseProviders(): [string, () => TestDatabase][] {
  const providers: [string, () => TestDatabase][] = [['sqlite', freshSqlite]];
  if (TEST_DATABASE_URL) providers.push(['postgresql', freshPostgres]);
  else console.warn('TEST_DATABASE_URL is not set: PostgreSQL suites do not run (they are required with CI=true)');
  return providers;
}
