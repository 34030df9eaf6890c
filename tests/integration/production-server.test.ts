/**
 * The production server as `npm start` runs it. Next.js gets the config the build resolved
 * (scripts/lib/next-config.ts), so serving never compiles next.config.ts: the SWC compiler stays
 * out of the process, and the config still applies. What public/ holds is served to anyone, with
 * the security headers every answer carries.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { freshSqlite, type TestDatabase } from '../helpers/services';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

describe('the production server', () => {
  let db: TestDatabase;
  let server: AppServer;

  beforeAll(async () => {
    db = freshSqlite();
    server = await appServer(db);
    cli(server.env, ['project', 'list']); // migrates the database
    await server.start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('serves without the SWC compiler loaded, with next.config.ts applied', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    // next.config.ts turns Next.js's X-Powered-By off: the handed-over config is the one in use.
    expect(res.headers.get('x-powered-by')).toBeNull();
    const maps = fs.readFileSync(`/proc/${server.pid()}/maps`, 'utf8');
    expect(maps).toContain('better_sqlite3.node'); // the check sees native modules the server loaded
    expect(maps).not.toContain('next-swc');
  });

  it('serves /robots.txt to anonymous visitors, keeping every crawler out', async () => {
    const res = await fetch(`${server.url}/robots.txt`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain\b/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    const lines = (await res.text()).split('\n').map((l) => l.trim());
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Disallow: /');
  });
});
