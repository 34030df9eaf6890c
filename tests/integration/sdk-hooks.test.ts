/**
 * The SDK's ways into a service: the Next.js route-handler wrapper, the node:http helper (with a real server on
 * 127.0.0.1), and the flushes when a real child process ends on its own or by SIGTERM. What they record is read
 * from a real receiver.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReporter, statusOfThrown, type ObserveOptions, type Reporter } from '@/lib/sdk';
import { startReceiver, until, type Receiver } from '../helpers/receiver';

const ROOT = path.resolve(import.meta.dirname, '../..');
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(): Promise<{ r: Receiver; sdk: Reporter }> {
  const r = await startReceiver();
  const sdk = createReporter({
    endpoint: r.url,
    key: 'obs_k',
    service: 'web',
    flushIntervalMs: 3_600_000,
    flushOnExit: false,
  });
  open.push(r, sdk);
  return { r, sdk };
}

/** An error as Next.js's redirect() and notFound() throw them. */
const nextError = (digest: string) => Object.assign(new Error(digest.split(';')[0]), { digest });

describe('Next.js route handlers', () => {
  it('records the template, method, status, duration and sizes, and returns the same Response', async () => {
    const { r, sdk } = await setup();
    type Ctx = { params: Promise<{ id: string }> };
    const handler = async (req: Request, { params }: Ctx) => {
      const { id } = await params;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return Response.json({ id, method: req.method }, { status: 201, headers: { 'content-length': '27' } });
    };
    const POST = sdk.wrap('/users/[id]', handler);
    const req = new Request('http://app.local/users/42', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-length': '7' },
    });
    const res = await POST(req, { params: Promise.resolve({ id: '42' }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: '42', method: 'POST' });
    await sdk.flush();
    const [item] = r.items();
    expect(item).toMatchObject({
      service: 'web',
      route: '/users/[id]',
      method: 'POST',
      status: 201,
      requestBytes: 7,
      responseBytes: 27,
    });
    expect(item!.durationMs as number).toBeGreaterThanOrEqual(15);
    expect(Math.abs((item!.ts as number) - Date.now())).toBeLessThan(60_000);
  });

  it('a thrown error is recorded as 500 and thrown on unchanged', async () => {
    const { r, sdk } = await setup();
    const boom = new Error('database down');
    const GET = sdk.wrap('/orders', async () => {
      throw boom;
    });
    await expect(GET(new Request('http://app.local/orders'))).rejects.toBe(boom);
    const sync = sdk.wrap('/sync', (): Response => {
      throw new TypeError('sync throw');
    });
    await expect(sync(new Request('http://app.local/sync', { method: 'DELETE' }))).rejects.toThrow('sync throw');
    await sdk.flush();
    expect(r.items().map((i) => [i.route, i.method, i.status])).toEqual([
      ['/orders', 'GET', 500],
      ['/sync', 'DELETE', 500],
    ]);
  });

  it("Next.js's redirect() and notFound() count as the status Next.js answers with", async () => {
    const { r, sdk } = await setup();
    const redirect = sdk.wrap('/old', async () => {
      throw nextError('NEXT_REDIRECT;replace;/new?a=1;b;308;');
    });
    const missing = sdk.wrap('/users/[id]', async () => {
      throw nextError('NEXT_HTTP_ERROR_FALLBACK;404');
    });
    await expect(redirect(new Request('http://app.local/old'))).rejects.toHaveProperty('digest');
    await expect(missing(new Request('http://app.local/users/1'))).rejects.toHaveProperty('digest');
    await sdk.flush();
    expect(r.items().map((i) => i.status)).toEqual([308, 404]);
    expect(statusOfThrown(nextError('NEXT_REDIRECT;push;/x;999;'))).toBe(500);
    expect(statusOfThrown({ digest: 'NEXT_HTTP_ERROR_FALLBACK;abc' })).toBe(500);
    expect(statusOfThrown('a string')).toBe(500);
  });

  it('a handler that resolves to something other than a Response counts as 500', async () => {
    const { r, sdk } = await setup();
    const bad = sdk.wrap('/bad', async () => 'not a response' as unknown as Response);
    await bad(new Request('http://app.local/bad'));
    await sdk.flush();
    expect(r.items().map((i) => i.status)).toEqual([500]);
  });
});

describe('node:http', () => {
  let arrived = 0;

  async function serve(sdk: Reporter, route?: ObserveOptions['route']) {
    const server = http.createServer((req, res) => {
      sdk.observe(req, res, { route });
      arrived++;
      if (req.url?.startsWith('/slow')) return; // never answers
      const status = req.url?.startsWith('/missing') ? 404 : req.url?.startsWith('/fail') ? 503 : 200;
      const body = 'hello';
      req.resume();
      // Set with setHeader (as Express does) so the helper can read it back.
      res.setHeader('content-length', String(body.length));
      req.on('end', () => res.writeHead(status).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('records each request when its response finishes: path, method, status, sizes', async () => {
    const { r, sdk } = await setup();
    const url = await serve(sdk);
    expect((await fetch(`${url}/orders/1234?x=1`)).status).toBe(200);
    expect((await fetch(`${url}/missing`, { method: 'POST', body: 'abc' })).status).toBe(404);
    expect((await fetch(`${url}/fail`, { method: 'PUT' })).status).toBe(503);
    await sdk.flush();
    expect(r.items().map((i) => [i.route, i.method, i.status, i.responseBytes])).toEqual([
      ['/orders/1234', 'GET', 200, 5],
      ['/missing', 'POST', 404, 5],
      ['/fail', 'PUT', 503, 5],
    ]);
    expect(r.items()[1]!.requestBytes).toBe(3);
  });

  it('takes a route template or a function of the request', async () => {
    const { r, sdk } = await setup();
    const fixed = await serve(sdk, '/orders/[id]');
    await fetch(`${fixed}/orders/77`);
    await sdk.flush();
    expect(r.items().map((i) => i.route)).toEqual(['/orders/[id]']);
    const { r: r2, sdk: sdk2 } = await setup();
    const byFunction = await serve(sdk2, (req) => `/v1${req.url}`);
    await fetch(`${byFunction}/a`);
    await sdk2.flush();
    expect(r2.items().map((i) => i.route)).toEqual(['/v1/a']);
  });

  it('a client that goes away before the answer is recorded as 499', async () => {
    const { r, sdk } = await setup();
    const url = await serve(sdk);
    const controller = new AbortController();
    const before = arrived;
    const pending = fetch(`${url}/slow`, { signal: controller.signal }).catch((err: Error) => err.name);
    await until(() => arrived > before, 'the request to reach the server');
    controller.abort();
    expect(await pending).toBe('AbortError');
    await until(() => sdk.stats().recorded === 1, 'the aborted request to be recorded');
    await sdk.flush();
    expect(r.items().map((i) => [i.route, i.status])).toEqual([['/slow', 499]]);
  });

  it('does not throw for something that is not a response', async () => {
    const { sdk } = await setup();
    expect(() => sdk.observe({ headers: {} }, {} as never)).not.toThrow();
    expect(sdk.stats().recorded).toBe(0);
  });
});

describe('process exit', () => {
  function child(env: Record<string, string>) {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/sdk-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { proc, exited, output: () => output };
  }

  it('flushes on beforeExit when the event loop runs dry, then exits normally', async () => {
    const r = await startReceiver();
    open.push(r);
    const c = child({ SDK_MODE: 'exit', SDK_ENDPOINT: r.url, SDK_ITEMS: '40' });
    expect(await c.exited, c.output()).toEqual({ code: 0, signal: null });
    expect(r.items()).toHaveLength(40);
    expect(r.got[0]!.headers['x-api-key']).toBe('obs_child_key');
  });

  it('opt-in SIGTERM: flushes, then the process still ends by SIGTERM', async () => {
    const r = await startReceiver();
    open.push(r);
    const c = child({ SDK_MODE: 'sigterm', SDK_ENDPOINT: r.url, SDK_ITEMS: '25' });
    await until(() => c.output().includes('ready'), 'the child to start', 30_000);
    expect(r.got).toHaveLength(0);
    c.proc.kill('SIGTERM');
    expect(await c.exited, c.output()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(r.items()).toHaveLength(25);
  });

  it("with the application's own SIGTERM handler, that handler still decides how the process ends", async () => {
    const r = await startReceiver();
    open.push(r);
    const c = child({ SDK_MODE: 'sigterm', SDK_ENDPOINT: r.url, SDK_ITEMS: '5', SDK_OWN_SIGTERM: '1' });
    await until(() => c.output().includes('ready'), 'the child to start', 30_000);
    c.proc.kill('SIGTERM');
    expect(await c.exited, c.output()).toEqual({ code: 7, signal: null });
    expect(r.items()).toHaveLength(5);
  });
});
