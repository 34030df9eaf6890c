/**
 * lib/outbound against real servers on this machine: an HTTP server on 127.0.0.1 (allow-listed
 * here), a self-signed HTTPS server trusted only through the request's own CA, a TCP server that
 * never finishes a TLS handshake, and a DNS server (node:dgram) whose answers change between
 * queries, used through the resolver option. Nothing leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  EMPTY_ALLOW_LIST,
  METHODS,
  OutboundError,
  parseAllowList,
  request,
  requestWithRetries,
  type OutboundResponse,
  type PhaseTimings,
} from '@/lib/outbound';
import { send } from '@/lib/outbound/request';

const ALLOW = parseAllowList('127.0.0.1');
const TOKEN = 'tok_9f8e7d6c5b4a3210-never-in-errors';
/** Ample for a busy machine: no assertion depends on how fast anything is. */
const PATIENT = { connectMs: 20_000, totalMs: 20_000 };

type Seen = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; local: string };

/** A server that records every request and answers as its path says. */
async function startServer(host = '127.0.0.1') {
  const seen: Seen[] = [];
  const counters = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        local: req.socket.localAddress ?? '',
      });
      const n = counters.get(url.pathname) ?? 0;
      counters.set(url.pathname, n + 1);
      switch (url.pathname) {
        case '/big':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end('x'.repeat(256 * 1024));
        case '/hang':
          return; // never answers
        case '/cut':
          res.writeHead(200, { 'content-length': '1000' });
          res.write('only part of it');
          return setTimeout(() => res.destroy(), 50);
        case '/flaky':
          res.writeHead(n < 2 ? 503 : 200);
          return res.end(n < 2 ? 'try again' : 'ok');
        case '/busy':
          // Retry-After in seconds, then as an HTTP date (read against the test's clock), then served.
          if (n === 0) res.writeHead(429, { 'retry-after': '7' });
          else if (n === 1) res.writeHead(503, { 'retry-after': 'Fri, 01 Jan 2027 00:00:12 GMT' });
          else res.writeHead(200);
          return res.end();
        case '/redirect':
          res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
          return res.end();
        default:
          res.writeHead(200, { 'content-type': 'application/json', 'x-answer': 'yes' });
          return res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ method: req.method }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://${host}:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A DNS server answering A queries from a script (per name, per query), and AAAA with no records. */
async function startDns(script: (name: string, n: number) => string[] | null) {
  const queries: { name: string; type: number; answered: string[] }[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, peer) => {
    let offset = 12;
    const labels: string[] = [];
    while (msg[offset]! !== 0) {
      const len = msg[offset]!;
      labels.push(msg.subarray(offset + 1, offset + 1 + len).toString('ascii'));
      offset += len + 1;
    }
    const question = msg.subarray(12, offset + 5);
    const type = msg.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    const n = queries.filter((q) => q.name === name && q.type === 1).length;
    const addresses = type === 1 ? script(name, n) : [];
    queries.push({ name, type, answered: addresses ?? [] });
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(addresses === null ? 0x8183 : 0x8180, 2); // answer, recursion; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses?.length ?? 0, 6);
    const answers = (addresses ?? []).map((a) => {
      const rr = Buffer.alloc(16);
      rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      rr.writeUInt16BE(1, 2); // A
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(0, 6); // TTL 0: rebinding's favourite
      rr.writeUInt16BE(4, 10);
      a.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
      return rr;
    });
    socket.send(Buffer.concat([header, question, ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const resolver = new dns.promises.Resolver({ timeout: 5_000, tries: 2 });
  resolver.setServers([`127.0.0.1:${socket.address().port}`]);
  return {
    resolver,
    aQueries: (name: string) => queries.filter((q) => q.name === name && q.type === 1),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function expectOrdered(t: Partial<PhaseTimings>) {
  const values = [t.dnsMs, t.connectMs, t.tlsMs, t.firstByteMs, t.totalMs];
  for (const v of values) {
    expect(typeof v).toBe('number');
    expect(v).toBeGreaterThanOrEqual(0);
  }
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

async function failure(p: Promise<unknown>): Promise<OutboundError> {
  const err = await p.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundError);
  return err as OutboundError;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with the system's openssl. */
function selfSigned(dir: string, name: string) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

describe('outbound requests', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let internal: Awaited<ReturnType<typeof startServer>>;
  let tlsServer: https.Server;
  let tlsUrl: string;
  let ca: string;
  let otherCa: string;
  let silent: net.Server;
  let silentPort: number;
  const silentSockets = new Set<net.Socket>();
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    // An internal service on another loopback address, which is not allow-listed.
    internal = await startServer('127.0.0.2');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-'));
    const own = selfSigned(dir, 'observatory-test');
    ca = own.cert;
    otherCa = selfSigned(dir, 'someone-else').cert;
    tlsServer = https.createServer({ key: own.key, cert: own.cert }, (req, res) => {
      req.resume();
      req.on('end', () => res.end(JSON.stringify({ method: req.method, tls: true })));
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsUrl = `https://127.0.0.1:${(tlsServer.address() as net.AddressInfo).port}`;
    // Accepts connections and says nothing: a TLS handshake never completes.
    silent = net.createServer((socket) => silentSockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await server?.close();
    await internal?.close();
    tlsServer?.closeAllConnections();
    await new Promise((resolve) => tlsServer?.close(resolve));
    silentSockets.forEach((s) => s.destroy());
    await new Promise((resolve) => silent?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(METHODS)('sends %s with its headers, body and bearer token', async (method) => {
    const before = server.seen.length;
    const withBody = method !== 'GET' && method !== 'HEAD';
    const res = await request({
      url: `${server.url}/echo?x=1`,
      method,
      headers: { 'X-Custom': 'value-1' },
      ...(withBody ? { json: { hello: method } } : {}),
      auth: { bearer: TOKEN },
      allow: ALLOW,
      timeout: PATIENT,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-answer']).toBe('yes');
    expect(res.address).toBe('127.0.0.1');
    expect(res.redirects).toBe(0);
    expectOrdered(res.timings);
    expect(server.seen.length).toBe(before + 1);
    const got = server.seen.at(-1)!;
    expect(got.method).toBe(method);
    expect(got.path).toBe('/echo');
    expect(got.headers['x-custom']).toBe('value-1');
    expect(got.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(got.headers['user-agent']).toMatch(/^Observatory\//);
    if (withBody) {
      expect(JSON.parse(got.body)).toEqual({ hello: method });
      expect(got.headers['content-type']).toBe('application/json');
    }
    if (method === 'HEAD') expect(res.body.length).toBe(0);
    else expect(res.json()).toEqual({ method });
  });

  it('sends a raw string or Buffer body as given', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await request({ url: `${server.url}/raw`, method: 'PUT', body: bytes, allow: ALLOW, timeout: PATIENT });
    expect(Buffer.from(server.seen.at(-1)!.body, 'utf8').length).toBeGreaterThan(0);
    expect(server.seen.at(-1)!.headers['content-length']).toBe('5');
    await request({
      url: `${server.url}/raw`,
      method: 'POST',
      body: 'a=1&b=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      allow: ALLOW,
      timeout: PATIENT,
    });
    expect(server.seen.at(-1)).toMatchObject({
      body: 'a=1&b=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  });

  it('refuses an answer body over the cap, giving its status', async () => {
    const err = await failure(
      request({ url: `${server.url}/big`, maxBodyBytes: 1_000, allow: ALLOW, timeout: PATIENT }),
    );
    expect(err.kind).toBe('body-too-large');
    expect(err.status).toBe(200);
    const whole = await request({ url: `${server.url}/big`, allow: ALLOW, timeout: PATIENT });
    expect(whole.body.length).toBe(256 * 1024);
  });

  it('times out on a server that never answers, keeping the phases it reached', async () => {
    const err = await failure(
      request({ url: `${server.url}/hang`, allow: ALLOW, timeout: { connectMs: 20_000, totalMs: 1_500 } }),
    );
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/no complete answer from 127.0.0.1:\d+ within 1500 ms/);
    expect(err.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(err.timings.firstByteMs).toBeUndefined();
  });

  it('fails an answer cut short as a network error', async () => {
    const err = await failure(request({ url: `${server.url}/cut`, allow: ALLOW, timeout: PATIENT }));
    expect(err.kind).toBe('network');
    expect(err.timings.firstByteMs).toBeGreaterThanOrEqual(0);
  });

  it('times out connecting when the TLS handshake never completes', async () => {
    const err = await failure(
      request({
        url: `https://127.0.0.1:${silentPort}/`,
        allow: ALLOW,
        timeout: { connectMs: 1_500, totalMs: 20_000 },
      }),
    );
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/no connection to 127.0.0.1:\d+ within 1500 ms/);
  });

  it('retries 5xx until success, without real waiting', async () => {
    const slept: number[] = [];
    const before = server.seen.filter((s) => s.path === '/flaky').length;
    const res = await requestWithRetries(
      { url: `${server.url}/flaky`, method: 'POST', json: {}, allow: ALLOW, timeout: PATIENT },
      DEFAULT_RETRY,
      { random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    );
    expect(res.status).toBe(200);
    expect(res.text()).toBe('ok');
    expect(res.attempts).toBe(3);
    expect(slept).toEqual([500, 750]);
    expect(server.seen.filter((s) => s.path === '/flaky').length - before).toBe(2 + 1);
  });

  it('waits as long as Retry-After asks', async () => {
    const slept: number[] = [];
    const res = await requestWithRetries({ url: `${server.url}/busy`, allow: ALLOW, timeout: PATIENT }, DEFAULT_RETRY, {
      random: () => 0.5,
      sleep: async (ms) => void slept.push(ms),
      now: () => Date.UTC(2027, 0, 1),
    });
    expect(res).toMatchObject({ status: 200, attempts: 3 });
    expect(slept).toEqual([7_000, 12_000]);
  });

  it("gives up on a refused URL at once, and on a closed port after the policy's attempts", async () => {
    const slept: number[] = [];
    const hooks = { random: () => 0.5, sleep: async (ms: number) => void slept.push(ms) };
    const refused = await failure(
      requestWithRetries({ url: `${server.url}/x`, allow: EMPTY_ALLOW_LIST }, DEFAULT_RETRY, hooks),
    );
    expect(refused.kind).toBe('refused');
    expect(slept).toEqual([]);
    const closed = await failure(
      requestWithRetries(
        { url: `http://127.0.0.1:${await closedPort()}/`, allow: ALLOW, timeout: PATIENT },
        { ...DEFAULT_RETRY, attempts: 3 },
        hooks,
      ),
    );
    expect(closed.kind).toBe('connect');
    expect(closed.code).toBe('ECONNREFUSED');
    expect(slept).toEqual([500, 750]);
  });

  it('trusts a self-signed server only through the CA given with the request', async () => {
    const untrusted = await failure(request({ url: `${tlsUrl}/`, allow: ALLOW, timeout: PATIENT }));
    expect(untrusted.kind).toBe('tls');
    expect(untrusted.message).toMatch(
      /TLS handshake with 127.0.0.1:\d+ failed \(\w+\): the certificate is not trusted/,
    );
    expect(untrusted.timings.connectMs).toBeGreaterThanOrEqual(0);
    const wrongCa = await failure(request({ url: `${tlsUrl}/`, ca: otherCa, allow: ALLOW, timeout: PATIENT }));
    expect(wrongCa.kind).toBe('tls');

    const res = await request({ url: `${tlsUrl}/`, method: 'POST', json: {}, ca, allow: ALLOW, timeout: PATIENT });
    expect(res.json()).toEqual({ method: 'POST', tls: true });
    expectOrdered(res.timings);
    // The installation's CAs (OUTBOUND_CA_FILE) are trusted the same way.
    const viaInstallation = await send({ url: `${tlsUrl}/`, installationCa: ca, allow: ALLOW, timeout: PATIENT });
    expect(viaInstallation.status).toBe(200);
    // A CA that is not a certificate is a bad request, not a network failure.
    const garbage = await failure(request({ url: `${tlsUrl}/`, ca: 'not a pem', allow: ALLOW }));
    expect(garbage.kind).toBe('invalid');
  });

  it('refuses a private address that is not allow-listed, before connecting', async () => {
    const before = server.seen.length;
    for (const url of [
      `${server.url}/`,
      `http://2130706433:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
    ]) {
      const err = await failure(request({ url, allow: EMPTY_ALLOW_LIST }));
      expect(err.kind).toBe('refused');
      expect(err.message).toMatch(/private or loopback address \(loopback; allow it with OUTBOUND_ALLOW\)/);
    }
    const localhost = await failure(request({ url: `http://localhost:${server.port}/`, allow: EMPTY_ALLOW_LIST }));
    expect(localhost.kind).toBe('refused');
    expect(server.seen.length).toBe(before);
  });

  it('keeps the bearer token out of every error', async () => {
    const port = await closedPort();
    const attempts = [
      () => request({ url: `${server.url}/`, auth: { bearer: TOKEN }, allow: EMPTY_ALLOW_LIST }),
      () => request({ url: `http://127.0.0.1:${port}/`, auth: { bearer: TOKEN }, allow: ALLOW }),
      () => request({ url: `${tlsUrl}/`, auth: { bearer: TOKEN }, allow: ALLOW }),
      () => request({ url: `${server.url}/`, auth: { bearer: `${TOKEN}\r\nx-injected: 1` }, allow: ALLOW }),
      () => request({ url: `${server.url}/`, headers: { 'x-token': `${TOKEN}\n` }, allow: ALLOW }),
    ];
    for (const attempt of attempts) {
      const err = await failure(attempt());
      expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain(TOKEN);
    }
  });

  it('refuses requests it cannot make as they are written', async () => {
    const cases = [
      () => request({ url: `${server.url}/`, method: 'TRACE' as 'GET', allow: ALLOW }),
      () => request({ url: `${server.url}/`, method: 'GET', body: 'x', allow: ALLOW }),
      () => request({ url: `${server.url}/`, method: 'POST', body: 'x', json: {}, allow: ALLOW }),
      () => request({ url: 'ftp://127.0.0.1/', allow: ALLOW }),
      () => request({ url: 'not a url', allow: ALLOW }),
    ];
    for (const c of cases) expect((await failure(c())).kind).toBe('invalid');
  });

  describe('with a DNS server of our own', () => {
    let dnsServer: Awaited<ReturnType<typeof startDns>>;
    beforeAll(async () => {
      dnsServer = await startDns((name, n) => {
        switch (name) {
          case 'rebind.test':
            return n === 0 ? ['127.0.0.1'] : ['127.0.0.2'];
          case 'mixed.test':
            return ['127.0.0.1', '10.0.0.1'];
          case 'public-and-loopback.test':
            return ['93.184.215.14', '127.0.0.1'];
          case 'metadata.test':
            return ['127.0.0.1', '169.254.169.254'];
          case 'hooks.test':
            return ['127.0.0.1'];
          case 'internal.test':
            return ['127.0.0.2'];
          default:
            return null;
        }
      });
    });
    afterAll(async () => dnsServer?.close());

    it('connects to the address its own lookup checked, resolving once per request (DNS rebinding)', async () => {
      const beforeOk = server.seen.length;
      const first = await request({
        url: `http://rebind.test:${server.port}/echo`,
        allow: ALLOW,
        resolver: dnsServer.resolver,
        timeout: PATIENT,
      });
      expect(first.status).toBe(200);
      expect(dnsServer.aQueries('rebind.test').map((q) => q.answered)).toEqual([['127.0.0.1']]);
      expect(first.address).toBe('127.0.0.1');
      expect(server.seen.length).toBe(beforeOk + 1);
      expectOrdered(first.timings);

      // The name now answers the internal address: refused, and nothing reaches the internal service.
      const second = await failure(
        request({
          url: `http://rebind.test:${internal.port}/echo`,
          allow: ALLOW,
          resolver: dnsServer.resolver,
          timeout: PATIENT,
        }),
      );
      expect(second.kind).toBe('refused');
      expect(second.message).toMatch(/rebind.test resolves to 127.0.0.2, a private or loopback address/);
      expect(dnsServer.aQueries('rebind.test').map((q) => q.answered)).toEqual([['127.0.0.1'], ['127.0.0.2']]);
      expect(internal.seen.length).toBe(0);
      expect(second.timings.dnsMs).toBeGreaterThanOrEqual(0);
      expect(second.timings.connectMs).toBeUndefined();
    });

    it('refuses a name when any address in its answer is refused', async () => {
      const before = server.seen.length;
      const mixed = await failure(
        request({
          url: `http://mixed.test:${server.port}/`,
          allow: ALLOW,
          resolver: dnsServer.resolver,
          timeout: PATIENT,
        }),
      );
      expect(mixed.message).toMatch(/mixed.test resolves to 10.0.0.1/);
      // Refused before any connection: nothing is sent to the public address either.
      const both = await failure(
        request({
          url: `http://public-and-loopback.test:${server.port}/`,
          allow: EMPTY_ALLOW_LIST,
          resolver: dnsServer.resolver,
          timeout: PATIENT,
        }),
      );
      expect(both.message).toMatch(/public-and-loopback.test resolves to 127.0.0.1, a private or loopback address/);
      expect(both.timings.connectMs).toBeUndefined();
      // Allow-listing the name admits private addresses, never a metadata one.
      const metadata = await failure(
        request({
          url: `http://metadata.test:${server.port}/`,
          allow: parseAllowList('metadata.test'),
          resolver: dnsServer.resolver,
          timeout: PATIENT,
        }),
      );
      expect(metadata.message).toMatch(
        /metadata.test resolves to 169.254.169.254, a link-local or cloud metadata address/,
      );
      const unknown = await failure(
        request({
          url: `http://nowhere.test:${server.port}/`,
          allow: ALLOW,
          resolver: dnsServer.resolver,
          timeout: PATIENT,
        }),
      );
      expect(unknown.kind).toBe('dns');
      expect(server.seen.length).toBe(before);
    });

    it('does not follow redirects unless asked, and checks every hop when it does', async () => {
      const hooks = parseAllowList('hooks.test');
      const to = encodeURIComponent(`http://127.0.0.1:${server.port}/echo`);
      const start = `http://hooks.test:${server.port}/redirect?to=${to}`;
      const common = { resolver: dnsServer.resolver, timeout: PATIENT, auth: { bearer: TOKEN } };
      const countEcho = () => server.seen.filter((s) => s.path === '/echo').length;
      const echoes = countEcho();

      const notFollowed = await request({ url: start, allow: hooks, ...common });
      expect(notFollowed.status).toBe(302);
      expect(notFollowed.headers.location).toBe(`http://127.0.0.1:${server.port}/echo`);
      expect(countEcho()).toBe(echoes);

      // 127.0.0.1 is not on this list: the redirect is refused rather than followed.
      const refused = await failure(request({ url: start, allow: hooks, redirects: 5, ...common }));
      expect(refused.kind).toBe('refused');
      expect(countEcho()).toBe(echoes);

      // Allowed, it is followed; the token stays with the origin it was meant for.
      const followed: OutboundResponse = await request({
        url: start,
        allow: parseAllowList('hooks.test,127.0.0.1'),
        redirects: 1,
        ...common,
      });
      expect(followed).toMatchObject({ status: 200, redirects: 1, url: `http://127.0.0.1:${server.port}/echo` });
      expect(countEcho()).toBe(echoes + 1);
      expect(server.seen.at(-1)!.headers.authorization).toBeUndefined();
      expect(server.seen.at(-2)!.headers.authorization).toBe(`Bearer ${TOKEN}`);

      // A redirect to a name resolving to a refused address is refused at the lookup.
      const viaName = `http://hooks.test:${server.port}/redirect?to=${encodeURIComponent(`http://internal.test:${internal.port}/`)}`;
      const byLookup = await failure(request({ url: viaName, allow: hooks, redirects: 5, ...common }));
      expect(byLookup.message).toMatch(/internal.test resolves to 127.0.0.2/);
      expect(internal.seen.length).toBe(0);
    });
  });
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
