/**
 * One HTTP(S) request to the outside world: address checks on the URL and, inside the
 * connection's own lookup, on every address the name resolves to (lookup.ts); connect and total
 * timeouts; a cap on the answer's body; phase timings; redirects followed only when asked, each
 * hop checked like the first. A fresh connection per request, so every request is checked and
 * timed on its own.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { VERSION } from '../version';
import type { AllowList } from './allow';
import { OutboundError } from './errors';
import { pinnedLookup, type Resolver } from './lookup';
import { LEGACY_SIGNATURE_HEADER, legacySignature, signatureHeaders } from './signature';
import { PhaseClock, type PhaseTimings } from './timings';
import { parseCertificates, secureContextFor } from './tls';
import { checkUrl } from './url';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export type OutboundRequest = {
  url: string | URL;
  /** Default GET. */
  method?: Method;
  headers?: Record<string, string>;
  /** A raw body; or `json`, sent as application/json. Not with GET or HEAD. */
  body?: string | Buffer;
  json?: unknown;
  /** Sent as `Authorization: Bearer …`; never part of an error message, and dropped on a redirect to another origin. */
  auth?: { bearer: string };
  /** Signs the body (signature.ts); `legacy` adds the timestamp-less X-Observatory-Signature too. */
  sign?: { secret: string; legacy?: boolean };
  /** PEM certificates this request trusts besides Node's roots and the installation's (OUTBOUND_CA_FILE). */
  ca?: string;
  /** Until connected (TLS included), default 10 s; until the whole answer is read, default 30 s. */
  timeout?: { connectMs?: number; totalMs?: number };
  /** Largest answer body read, default 1 MiB; beyond it the request fails ("body-too-large"). */
  maxBodyBytes?: number;
  /** Redirects followed, default 0: a 3xx is returned as it is. */
  redirects?: number;
  /** Names, addresses and ranges that may be reached although private. */
  allow: AllowList;
  /** The installation's extra CAs (PEM); index.ts fills it in from OUTBOUND_CA_FILE. */
  installationCa?: string;
  /** Resolves names instead of the system resolver (tests, a dedicated DNS server). */
  resolver?: Resolver;
  signal?: AbortSignal;
};

export type OutboundResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The body parsed as JSON; throws on a body that is not. */
  json(): unknown;
  /** The URL that answered (after redirects). */
  url: string;
  /** The address connected to: always one the lookup checked. */
  address: string;
  /** Of the request that answered (the last hop of a redirect). */
  timings: PhaseTimings;
  redirects: number;
};

const DEFAULT_CONNECT_MS = 10_000;
const DEFAULT_TOTAL_MS = 30_000;
const DEFAULT_MAX_BODY = 1024 * 1024;
const TLS_TRUST_CODES = /CERT|SIGNATURE|ALTNAME|ISSUER|SELF_SIGNED/;

type Hop = {
  url: URL;
  method: Method;
  headers: Record<string, string>;
  body: Buffer | undefined;
};

/** Node's errors as OutboundError, by the phase they happened in. */
function asOutboundError(err: unknown, host: string, clock: PhaseClock, https: boolean): OutboundError {
  if (err instanceof OutboundError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code;
  const message = e.message ?? String(err);
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN' || code === 'ERR_UNESCAPED_CHARACTERS') {
    return new OutboundError('invalid', `request to ${host} is malformed: ${message}`, code);
  }
  if (https && clock.has('connectMs') && !clock.has('tlsMs')) {
    const hint =
      code && TLS_TRUST_CODES.test(code)
        ? ': the certificate is not trusted (pass its CA as `ca`, or install it with OUTBOUND_CA_FILE)'
        : '';
    return new OutboundError('tls', `TLS handshake with ${host} failed (${code ?? message})${hint}`, code);
  }
  if (!clock.has('connectMs')) return new OutboundError('connect', `could not connect to ${host}: ${message}`, code);
  return new OutboundError('network', `connection to ${host} broke: ${message}`, code);
}

function once(hop: Hop, req: OutboundRequest, extraCa: string[]): Promise<Omit<OutboundResponse, 'redirects'>> {
  const { url } = hop;
  const host = url.host;
  const isHttps = url.protocol === 'https:';
  const connectMs = req.timeout?.connectMs ?? DEFAULT_CONNECT_MS;
  const totalMs = req.timeout?.totalMs ?? DEFAULT_TOTAL_MS;
  const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const clock = new PhaseClock();
  return new Promise((resolve, reject) => {
    let settled = false;
    let address = '';
    let outgoing: http.ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      settled = true;
      timers.forEach(clearTimeout);
      req.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown) => {
      if (settled) return;
      finish();
      const error = asOutboundError(err, host, clock, isHttps);
      error.timings = clock.snapshot();
      outgoing?.destroy();
      reject(error);
    };
    const onAbort = () => fail(new OutboundError('aborted', `request to ${host} aborted`));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(
      setTimeout(
        () => fail(new OutboundError('timeout', `no connection to ${host} within ${connectMs} ms`)),
        connectMs,
      ),
      setTimeout(
        () => fail(new OutboundError('timeout', `no complete answer from ${host} within ${totalMs} ms`)),
        totalMs,
      ),
    );
    const connected = () => clearTimeout(timers[0]);

    const onResponse = (res: http.IncomingMessage) => {
      clock.mark('firstByteMs');
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          const error = new OutboundError('body-too-large', `answer from ${host} exceeds ${maxBody} bytes`);
          error.status = res.statusCode;
          return fail(error);
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        finish();
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')) as unknown,
          url: url.href,
          address,
          timings: clock.complete(),
        });
      });
    };

    try {
      const secureContext = isHttps ? secureContextFor(extraCa) : undefined;
      outgoing = (isHttps ? https : http).request(
        url,
        {
          method: hop.method,
          headers: hop.headers,
          agent: false,
          lookup: pinnedLookup(req.allow, req.resolver),
          ...(secureContext ? { secureContext } : {}),
        },
        onResponse,
      );
    } catch (err) {
      return fail(err);
    }
    outgoing.on('error', fail);
    outgoing.on('socket', (socket: Socket) => {
      socket.once('lookup', () => clock.mark('dnsMs'));
      socket.once('connect', () => {
        clock.mark('connectMs');
        address = socket.remoteAddress ?? '';
        if (!isHttps) connected();
      });
      socket.once('secureConnect', () => {
        clock.mark('tlsMs');
        connected();
      });
      socket.once('data', () => clock.mark('firstByteMs'));
    });
    outgoing.end(hop.body);
  });
}

function firstHop(req: OutboundRequest): Hop {
  const method = req.method ?? 'GET';
  if (!METHODS.includes(method)) throw new OutboundError('invalid', `method must be one of ${METHODS.join(', ')}`);
  const url = checkUrl(req.url, req.allow);
  const headers: Record<string, string> = { 'user-agent': `Observatory/${VERSION}` };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  let body: Buffer | undefined;
  if (req.json !== undefined && req.body !== undefined)
    throw new OutboundError('invalid', 'give body or json, not both');
  if (req.json !== undefined) {
    body = Buffer.from(JSON.stringify(req.json));
    headers['content-type'] ??= 'application/json';
  } else if (req.body !== undefined) {
    body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
  }
  if (body && (method === 'GET' || method === 'HEAD')) throw new OutboundError('invalid', `${method} carries no body`);
  if (body) headers['content-length'] = String(body.length);
  if (req.auth) {
    if (!/^[\x21-\x7e]+$/.test(req.auth.bearer)) {
      throw new OutboundError('invalid', 'bearer token must be printable ASCII without spaces');
    }
    headers.authorization = `Bearer ${req.auth.bearer}`;
  }
  if (req.sign) {
    const signed = body ?? Buffer.alloc(0);
    Object.assign(headers, signatureHeaders(req.sign.secret, signed));
    if (req.sign.legacy) headers[LEGACY_SIGNATURE_HEADER] = legacySignature(req.sign.secret, signed);
  }
  return { url, method, headers, body };
}

/** The request a redirect leads to, as fetch would make it; refused like any URL. */
function nextHop(hop: Hop, status: number, location: string, allow: AllowList): Hop {
  const url = checkUrl(new URL(location, hop.url), allow);
  const headers = { ...hop.headers };
  if (url.origin !== hop.url.origin) {
    delete headers.authorization;
    delete headers.cookie;
  }
  if (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')) {
    delete headers['content-type'];
    delete headers['content-length'];
    return { url, method: hop.method === 'HEAD' ? 'HEAD' : 'GET', headers, body: undefined };
  }
  return { ...hop, url, headers };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request (no retries: see retry.ts). Resolves with any HTTP status; rejects with an
 * OutboundError for everything else.
 */
export async function send(req: OutboundRequest): Promise<OutboundResponse> {
  let extraCa: string[];
  let hop: Hop;
  try {
    extraCa = [
      ...(req.installationCa ? parseCertificates(req.installationCa) : []),
      ...(req.ca ? parseCertificates(req.ca) : []),
    ];
    hop = firstHop(req);
  } catch (err) {
    if (err instanceof OutboundError) throw err;
    throw new OutboundError('invalid', `ca ${(err as Error).message}`);
  }
  for (let redirects = 0; ; redirects++) {
    const res = await once(hop, req, extraCa);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location || redirects >= (req.redirects ?? 0)) return { ...res, redirects };
    hop = nextHop(hop, res.status, location, req.allow);
  }
}
