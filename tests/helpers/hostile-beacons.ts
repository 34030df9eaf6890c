/**
 * Beacons for POST /api/v1/vitals: a valid one as the tracker sends it, and malformed and hostile
 * ones, each with the answer it must get. The site id and origin are the test project's unless a
 * case replaces them.
 */
import { gzipSync } from 'node:zlib';

export type BeaconTarget = { url: string; site: string; origin: string };
type Body = string | Uint8Array;

export type BeaconCase = {
  name: string;
  body: (site: string) => Body;
  /** Headers besides the defaults (text/plain, the allowed Origin, a browser's User-Agent); null removes one. */
  headers?: Record<string, string | null>;
  status: number;
  message: RegExp;
  /** For 422: the path of the first problem in error.details. */
  path?: string;
};

export const BROWSER_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export type BeaconEvent = Record<string, unknown>;

/** The five vitals of one page view, as the tracker reports them. */
export function fiveVitals(path = '/products/123', extra: Partial<BeaconEvent> = {}): BeaconEvent[] {
  return [
    { name: 'TTFB', value: 212.4, rating: 'good', navigation: 'navigate', path, ...extra },
    { name: 'FCP', value: 801.2, rating: 'good', navigation: 'navigate', path, ...extra },
    { name: 'LCP', value: 1650.5, rating: 'good', navigation: 'navigate', path, ...extra },
    { name: 'CLS', value: 0.042, rating: 'good', navigation: 'navigate', path, ...extra },
    { name: 'INP', value: 96, rating: 'good', navigation: 'navigate', path, ...extra },
  ];
}

export function beacon(site: string, events: BeaconEvent[] = fiveVitals(), fields: Record<string, unknown> = {}) {
  return { site, page: 'p4ge1d0000abc', device: 'mobile', connection: '4g', events, ...fields };
}

export function sendBeacon(
  target: BeaconTarget,
  body: Body,
  headers: Record<string, string | null> = {},
): Promise<Response> {
  const merged: Record<string, string | null> = {
    'content-type': 'text/plain;charset=UTF-8',
    origin: target.origin,
    'user-agent': BROWSER_UA,
    ...headers,
  };
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== null) sent[name] = value;
  return fetch(`${target.url}/api/v1/vitals`, { method: 'POST', headers: sent, body } as RequestInit);
}

const KiB = 1024;
const json = (build: (site: string) => unknown) => (site: string) => JSON.stringify(build(site));
/** A beacon whose one event has `fields` replacing or adding to a valid LCP. */
const withEvent = (fields: BeaconEvent) =>
  json((site) => beacon(site, [{ name: 'LCP', value: 1200, path: '/a', ...fields }]));
const withAttribution = (attribution: unknown) => withEvent({ attribution });

export const BEACON_CASES: BeaconCase[] = [
  // The envelope.
  {
    name: 'application/xml',
    body: json((s) => beacon(s)),
    headers: { 'content-type': 'application/xml' },
    status: 415,
    message: /expected Content-Type application\/json or text\/plain/,
  },
  {
    name: 'no content type',
    body: (s) => new TextEncoder().encode(JSON.stringify(beacon(s))),
    headers: { 'content-type': null },
    status: 415,
    message: /expected Content-Type/,
  },
  {
    name: 'gzip content encoding',
    body: (s) => gzipSync(JSON.stringify(beacon(s))),
    headers: { 'content-encoding': 'gzip' },
    status: 415,
    message: /Content-Encoding gzip is not supported/,
  },
  {
    name: 'a body of 33 KiB',
    body: json((s) => beacon(s, fiveVitals(`/${'x'.repeat(33 * KiB)}`))),
    status: 413,
    message: /exceeds 32768 bytes/,
  },
  { name: '10 MB body', body: () => 'x'.repeat(10 * 1024 * KiB), status: 413, message: /exceeds 32768 bytes/ },
  { name: 'empty body', body: () => '', status: 400, message: /request body is empty/ },
  {
    name: 'invalid UTF-8',
    body: () => Buffer.concat([Buffer.from('{"site":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
    status: 400,
    message: /not valid UTF-8/,
  },
  { name: 'not JSON', body: () => 'site=abc&lcp=1200', status: 400, message: /not valid JSON/ },
  { name: 'truncated JSON', body: (s) => `{"site":"${s}","events":[`, status: 400, message: /not valid JSON/ },
  {
    name: 'NaN literal',
    body: (s) => JSON.stringify(beacon(s)).replace('1650.5', 'NaN'),
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'duplicate site keys',
    body: (s) => `{"site":"${s}","site":"other0site",${JSON.stringify(beacon(s)).slice(1)}`,
    status: 400,
    message: /duplicate key "site"/,
  },
  // The site.
  { name: 'body null', body: () => 'null', status: 422, message: /site: site is required/ },
  { name: 'an array body', body: json((s) => [beacon(s)]), status: 422, message: /site is required/ },
  {
    name: 'no site',
    body: json((s) => ({ ...beacon(s), site: undefined })),
    status: 422,
    message: /site is required/,
  },
  {
    name: 'site a number',
    body: json((s) => beacon(s, undefined, { site: 12345678 })),
    status: 422,
    message: /site must be a project site id/,
  },
  {
    name: 'SQL as the site',
    body: json((s) => beacon(s, undefined, { site: `x' OR '1'='1` })),
    status: 422,
    message: /site must be a project site id/,
  },
  {
    name: 'an unknown site',
    body: json((s) => beacon(s, undefined, { site: 'Zz9Zz9Zz9Zz9' })),
    status: 404,
    message: /no project has this site id/,
  },
  // The origin.
  {
    name: 'no Origin header',
    body: json((s) => beacon(s)),
    headers: { origin: null },
    status: 403,
    message: /must come from a browser page/,
  },
  {
    name: 'a disallowed origin',
    body: json((s) => beacon(s)),
    headers: { origin: 'https://evil.example' },
    status: 403,
    message: /this origin may not send beacons for this site/,
  },
  {
    name: 'Origin null (a sandboxed page)',
    body: json((s) => beacon(s)),
    headers: { origin: 'null' },
    status: 403,
    message: /this origin may not send beacons/,
  },
  // The body's shape.
  {
    name: '__proto__ in the body',
    body: (s) => JSON.stringify(beacon(s)).replace('{', '{"__proto__":{"polluted":true},'),
    status: 422,
    message: /unknown field "__proto__" in body/,
  },
  {
    name: '__proto__ in an event',
    body: (s) => JSON.stringify(beacon(s)).replace('{"name":"TTFB"', '{"__proto__":{"value":1},"name":"TTFB"'),
    status: 422,
    message: /unknown field "__proto__" in event/,
    path: 'events.0',
  },
  {
    name: 'unknown field',
    body: json((s) => beacon(s, undefined, { user: 'ada@example.com' })),
    status: 422,
    message: /unknown field "user" in body/,
  },
  { name: 'no events', body: json((s) => beacon(s, [])), status: 422, message: /events must contain at least 1 item/ },
  {
    name: 'events an object',
    body: json((s) => beacon(s, undefined, { events: {} })),
    status: 422,
    message: /events must be an array/,
  },
  {
    name: '61 events',
    body: json((s) =>
      beacon(
        s,
        Array.from({ length: 61 }, () => ({ name: 'LCP', value: 1, path: '/' })),
      ),
    ),
    status: 422,
    message: /at most 60 events per request/,
  },
  {
    name: '15,000 numbers as events',
    body: (s) => `{"site":"${s}","page":"p4ge1d0000abc","device":"mobile","events":[${'0,'.repeat(15_000)}0]}`,
    status: 422,
    message: /at most 60 events per request/,
  },
  {
    name: '10,000 levels of nesting in an event',
    body: (s) =>
      JSON.stringify(beacon(s)).replace('"events":[', `"events":[${'['.repeat(10_000)}${']'.repeat(10_000)},`),
    status: 422,
    message: /event must be an object/,
    path: 'events.0',
  },
  {
    name: 'device watch',
    body: json((s) => beacon(s, undefined, { device: 'watch' })),
    status: 422,
    message: /device must be one of mobile, tablet, desktop/,
  },
  {
    name: 'connection 5g',
    body: json((s) => beacon(s, undefined, { connection: '5g' })),
    status: 422,
    message: /connection must be one of/,
  },
  {
    name: 'a short page id',
    body: json((s) => beacon(s, undefined, { page: 'abc' })),
    status: 422,
    message: /page must be 8 to 64/,
  },
  // Events.
  {
    name: 'FID',
    body: withEvent({ name: 'FID' }),
    status: 422,
    message: /name must be one of LCP, INP, CLS, FCP, TTFB/,
  },
  {
    name: 'value "NaN"',
    body: withEvent({ value: 'NaN' }),
    status: 422,
    message: /events\.0\.value: value must be a JSON number, not a string/,
  },
  {
    name: 'value 1e309',
    body: (s) => withEvent({ value: 1 })(s).replace('"value":1', '"value":1e309'),
    status: 422,
    message: /value must be a finite number/,
  },
  { name: 'value null', body: withEvent({ value: null }), status: 422, message: /value must be a number/ },
  { name: 'a negative value', body: withEvent({ value: -1 }), status: 422, message: /value must be from 0 to 60000/ },
  {
    name: 'LCP of 60,001 ms',
    body: withEvent({ value: 60_001 }),
    status: 422,
    message: /value must be from 0 to 60000/,
  },
  {
    name: 'CLS of 101',
    body: withEvent({ name: 'CLS', value: 101 }),
    status: 422,
    message: /CLS must be from 0 to 100/,
    path: 'events.0.value',
  },
  { name: 'rating great', body: withEvent({ rating: 'great' }), status: 422, message: /rating must be one of/ },
  {
    name: 'navigation prefetch',
    body: withEvent({ navigation: 'prefetch' }),
    status: 422,
    message: /navigation must be one of/,
  },
  { name: 'no path', body: withEvent({ path: undefined }), status: 422, message: /path is required/ },
  {
    name: 'a full URL as path',
    body: withEvent({ path: 'https://shop.example/a?email=ada@example.com' }),
    status: 422,
    message: /path must start with \//,
  },
  {
    name: 'a path of 1,001 characters',
    body: withEvent({ path: `/${'a'.repeat(1000)}` }),
    status: 422,
    message: /path must be at most 1000 characters/,
  },
  {
    name: 'NUL in a path',
    body: withEvent({ path: '/a\u0000b' }),
    status: 422,
    message: /path must not contain control characters/,
  },
  {
    name: 'RTL override in a path',
    body: withEvent({ path: '/a\u202eb' }),
    status: 422,
    message: /path must not contain control characters/,
  },
  {
    name: 'lone surrogate in a path',
    body: (s) => withEvent({ path: '/aXb' })(s).replace('/aXb', '/a\\ud800b'),
    status: 422,
    message: /path must be valid unicode text/,
  },
  {
    name: 'a route of 201 characters',
    body: withEvent({ route: `/${'r'.repeat(200)}` }),
    status: 422,
    message: /route must be at most 200 characters/,
  },
  // Attribution.
  {
    name: 'attribution a string',
    body: withAttribution('div#hero'),
    status: 422,
    message: /attribution must be an object/,
  },
  {
    name: 'a target of 301 characters',
    body: withAttribution({ target: 't'.repeat(301) }),
    status: 422,
    message: /attribution\.target must be at most 300 characters/,
  },
  {
    name: 'an empty target',
    body: withAttribution({ target: '  ' }),
    status: 422,
    message: /attribution\.target must not be empty/,
  },
  {
    name: 'unknown attribution field',
    body: withAttribution({ element: 'img' }),
    status: 422,
    message: /unknown field "element" in attribution/,
  },
  {
    name: 'inputDelay "1"',
    body: withAttribution({ inputDelay: '1' }),
    status: 422,
    message: /attribution\.inputDelay must be a JSON number, not a string/,
  },
  {
    name: 'interaction mouse',
    body: withAttribution({ interaction: 'mouse' }),
    status: 422,
    message: /attribution\.interaction must be one of pointer, keyboard/,
  },
];
