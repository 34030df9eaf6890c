/**
 * The start command's answer to a broken environment: one line naming the cause, a non-zero
 * exit, no stack trace, no secret.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/net';
import { freshPostgres, TEST_DATABASE_URL } from '../helpers/services';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runScript(script: string, env: Record<string, string>) {
  const res = spawnSync(TSX, [script], {
    cwd: ROOT,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, lines: res.stderr.split('\n').filter((l) => l.trim() !== '') };
}

describe('npm start refuses a broken environment with one clear line', () => {
  it.each([
    [
      'a malformed DATABASE_URL',
      { DATABASE_URL: 'mysql://root:pw@localhost/obs' },
      /^observatory: DATABASE_URL uses the unsupported scheme "mysql:"/,
    ],
    ['a DATABASE_URL that is not a URL', { DATABASE_URL: '::::' }, /^observatory: DATABASE_URL is not a URL/],
    ['a bad PORT', { PORT: 'eighty' }, /^observatory: invalid configuration: PORT: /],
    [
      'an unwritable data directory',
      { DATABASE_URL: 'file:/sys/observatory/observatory.db' },
      /^observatory: cannot create the data directory \/sys\/observatory \(/,
    ],
    [
      'a data path under a file',
      { DATABASE_URL: 'file:/etc/hostname/obs.db' },
      /^observatory: cannot create the data directory \/etc\/hostname \(ENOTDIR/,
    ],
  ])('%s', (_what, env, message) => {
    const { code, lines } = runScript('scripts/start.ts', env);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toContain('pw@');
  });

  it('an unreachable PostgreSQL, without printing its password', async () => {
    const port = await closedPort();
    const { code, lines } = runScript('scripts/start.ts', {
      DATABASE_URL: `postgresql://obs:s3cr3t@127.0.0.1:${port}/obs`,
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `observatory: cannot reach PostgreSQL at 127.0.0.1:${port}/obs (connection refused: is PostgreSQL running?)`,
    ]);
  });
});

describe.runIf(TEST_DATABASE_URL)('PostgreSQL migrations are explicit', () => {
  const db = TEST_DATABASE_URL ? freshPostgres() : undefined;
  afterAll(async () => db?.drop());

  it('npm start refuses a database that is behind; npm run db:migrate brings it up to date', () => {
    const env = { DATABASE_URL: db!.url };
    const behind = runScript('scripts/start.ts', env);
    expect(behind.code).toBe(1);
    expect(behind.lines).toHaveLength(1);
    expect(behind.lines[0]).toMatch(
      /^observatory: PostgreSQL at .* is \d+ migration\(s\) behind; run npm run db:migrate/,
    );

    const migrated = runScript('scripts/db/migrate.ts', env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\) to PostgreSQL at /);

    const again = runScript('scripts/db/migrate.ts', env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is up to date/);
  });

  it('npm run db:migrate names an unreachable server in one line', async () => {
    const port = await closedPort();
    const { code, lines } = runScript('scripts/db/migrate.ts', {
      DATABASE_URL: `postgresql://u:hidden@127.0.0.1:${port}/obs`,
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `observatory: cannot reach PostgreSQL at 127.0.0.1:${port}/obs (connection refused: is PostgreSQL running?)`,
    ]);
  });
});
