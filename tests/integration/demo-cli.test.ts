/** npm run db:seed: malformed options are one line and exit 2; a project with data is left alone. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../helpers/services';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const db = freshSqlite();
afterAll(() => db.drop());

function seed(...args: string[]) {
  const res = spawnSync(TSX, ['scripts/db/seed.ts', ...args], {
    cwd: ROOT,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: db.url },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr.trim() };
}

describe('npm run db:seed', () => {
  it.each([
    [['--days', '0'], /--days must be a whole number from 1 to 30/],
    [['--days', '31'], /--days must be a whole number from 1 to 30/],
    [['--days', '-1'], /--days must be a whole number from 1 to 30/],
    [['--days=-1'], /--days must be a whole number from 1 to 30/],
    [['--days', '1e9'], /--days must be a whole number from 1 to 30/],
    [['--days', 'abc'], /--days must be a whole number from 1 to 30/],
    [['--days', '2.5'], /--days must be a whole number from 1 to 30/],
    [['--days', ''], /--days must be a whole number from 1 to 30/],
    [['--seed', '-3'], /--seed must be a whole number from 0 to 4294967295/],
    [['--days'], /argument missing/],
    [['--seed', '99999999999'], /--seed must be a whole number from 0 to 4294967295/],
    [['--project', ''], /--project must not be empty/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const res = seed(...args);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(res.err.split('\n')).toHaveLength(1);
    expect(res.out).toBe('');
  });

  it('names a bad project slug', () => {
    const res = seed('--project', 'Not A Slug!', '--days', '1');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^observatory: slug: /);
  });

  it('loads a day, prints progress and a summary, then leaves the project alone without --replace', () => {
    const first = seed('--days', '1', '--json');
    expect(first.code, first.err).toBe(0);
    const summary = JSON.parse(first.out) as {
      project: { slug: string };
      days: number;
      points: number;
      series: number;
    };
    expect(summary).toMatchObject({ project: { slug: 'demo' }, days: 1 });
    expect(summary.points).toBeGreaterThan(10_000);

    const again = seed('--days', '1');
    expect(again.code).toBe(1);
    expect(again.err).toBe(
      `observatory: project "demo" already has data (${summary.series} series): add --replace to delete it and load the demo again`,
    );
  }, 120_000);
});
