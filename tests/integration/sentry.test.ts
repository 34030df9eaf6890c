/**
 * Sentry on the production server: with SENTRY_DSN pointing at a local stand-in for Sentry, an
 * unexpected server error (a database table gone) in a route handler or a page reaches it as an
 * envelope, and the DSN's key never reaches the log; without SENTRY_DSN the same errors send
 * nothing anywhere.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServer, BUILD_TIMEOUT_MS, cli, ensureBuild, SETUP_TIMEOUT_MS, type AppServer } from '../helpers/app-server';
import { freshSqlite, type TestDatabase } from '../helpers/services';

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

type Received = { method: string; url: string; body: string };

describe('Sentry', () => {
  let db: TestDatabase;
  let server: AppServer;
  let sentry: http.Server;
  let dsn: string;
  let key: string;
  const received: Received[] = [];
  const DSN_KEY = 'f00dfeedc0ffee1234567890abcdef12';

  beforeAll(async () => {
    sentry = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve));
    dsn = `http://${DSN_KEY}@127.0.0.1:${(sentry.address() as AddressInfo).port}/4242`;

    db = freshSqlite();
    server = await appServer(db);
    cli(server.env, ['project', 'create', '--name', 'Shop']);
    key = cli<{ key: string }>(server.env, ['key', 'create', 'shop', '--kind', 'ingest', '--name', 'svc']).key;
    // Every request with a key now fails inside the database: an error no client input explains.
    const raw = new Database(db.url.slice('file:'.length));
    raw.exec('ALTER TABLE "ApiKey" RENAME TO "ApiKeyGone"');
    raw.exec('ALTER TABLE "ShareLink" RENAME TO "ShareLinkGone"');
    raw.close();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await new Promise((resolve) => sentry?.close(resolve));
    await db?.drop();
  });

  const failingRequest = () =>
    fetch(`${server.url}/api/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ points: [{ name: 'a', value: 1 }] }),
    });

  it('sends a server error to the DSN as an envelope, and never logs the DSN', async () => {
    server.env.SENTRY_DSN = dsn;
    await server.start();
    const res = await failingRequest();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    // The SDK may send a session update too; the error is the envelope with an event in it.
    const event = () => received.find((r) => r.body.includes('"type":"event"'));
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && !event();) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const envelope = event();
    expect(envelope?.method).toBe('POST');
    expect(envelope!.url).toMatch(/^\/api\/4242\/envelope\//);
    expect(envelope!.body).toMatch(/ApiKey/);
    expect(envelope!.body).toContain('observatory.route');
    expect(server.output()).toContain('[api] POST /api/v1/metrics failed');
    expect(server.output()).not.toContain(DSN_KEY);
  });

  it("sends a page's server error, which Next.js reports through onRequestError", async () => {
    received.length = 0;
    const page = await fetch(`${server.url}/share/obs_shr_${'a'.repeat(32)}`);
    expect(page.status).toBe(500);
    const event = () => received.find((r) => r.body.includes('"type":"event"') && r.body.includes('ShareLink'));
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && !event();) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(event()?.body).toContain('/share/[token]');
    expect(server.output()).not.toContain(DSN_KEY);
  });

  it('sends nothing without SENTRY_DSN', async () => {
    await server.kill();
    received.length = 0;
    delete server.env.SENTRY_DSN;
    await server.start();
    expect((await failingRequest()).status).toBe(500);
    expect((await fetch(`${server.url}/share/obs_shr_${'b'.repeat(32)}`)).status).toBe(500);
    // Longer than the SDK takes to send (the first test's envelope came within this).
    await new Promise((r) => setTimeout(r, 5_000));
    expect(received).toEqual([]);
  });
});
