import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../helpers/services';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const db = freshSqlite();
afterAll(() => db.drop());

function cli(...args: string[]) {
  const res = spawnSync(TSX, ['scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: db.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr.trim() };
}

describe('npm run cli', () => {
  it('creates a project and a key, prints the key once, lists and revokes it', () => {
    expect(cli('project', 'create', '--name', 'Shop Web', '--origin', 'https://shop.example')).toMatchObject({
      code: 0,
    });

    const created = cli('key', 'create', 'shop-web', '--kind', 'ingest', '--name', 'api', '--json');
    expect(created.code).toBe(0);
    const { key, id } = JSON.parse(created.out) as { key: string; id: string };
    expect(key).toMatch(/^obs_ing_/);

    const listed = cli('key', 'list', 'shop-web');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(id);
    expect(listed.out).not.toContain(key);

    expect(cli('key', 'revoke', id).out).toMatch(/^revoked key "api"/);
    expect(cli('key', 'list', 'shop-web').out).toMatch(/api .* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$/m);

    const audit = cli('audit', '--project', 'shop-web');
    expect(audit.out).toMatch(/key\.revoke[\s\S]*key\.create[\s\S]*project\.create/);
    expect(audit.out).not.toContain(key);
  });

  it('creates users, printing a generated password once, or reading one from stdin', () => {
    const generated = cli(
      'user',
      'create',
      '--email',
      'admin@example.com',
      '--name',
      'Admin',
      '--role',
      'admin',
      '--json',
    );
    expect(generated.code).toBe(0);
    const { password, role } = JSON.parse(generated.out) as { password: string; role: string };
    expect(role).toBe('admin');
    expect(password.length).toBeGreaterThanOrEqual(20);

    const piped = cli(
      'user',
      'create',
      '--email',
      'member@example.com',
      '--name',
      'Member',
      '--role',
      'member',
      '--password-stdin',
    );
    expect(piped.code).toBe(1); // stdin was empty: too short
    expect(piped.err).toBe('observatory: password: password must be at least 12 characters');

    const audit = cli('audit');
    expect(audit.out).toContain('user.create');
    expect(audit.out).not.toContain(password);
  });

  it.each([
    [['user', 'create', '--email', 'admin@example.com', '--name', 'Again', '--role', 'viewer'], 1, /already exists/],
    [['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'owner'], 1, /^observatory: role: /],
    [
      ['user', 'create', '--email', "x'--@example", '--name', 'X', '--role', 'viewer'],
      1,
      /email is not a valid address/,
    ],
    [
      ['project', 'create', '--name', '\u001b[31mred'],
      1,
      /^observatory: name: project name must not contain control characters$/,
    ],
    [
      ['project', 'create', '--name', 'Shop Web'],
      1,
      /^observatory: a project with the slug "shop-web" already exists$/,
    ],
    [['project', 'delete', 'shop-web'], 2, /add --yes to confirm/],
    [['key', 'create', 'missing', '--kind', 'ingest', '--name', 'x'], 1, /^observatory: no project "missing"$/],
    [['key', 'create', 'shop-web', '--kind', 'ingest'], 2, /missing --name/],
    [['project', 'create', '--colour', 'red'], 2, /Unknown option '--colour'/],
    [['audit', '--limit', '0'], 2, /--limit must be a whole number/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
  ])('%j fails with exit %i and a clear message', (args, code, message) => {
    const res = cli(...args);
    expect(res.code).toBe(code);
    expect(res.err.split('\n')[0]).toMatch(message);
    expect(res.err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
