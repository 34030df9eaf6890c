/**
 * Malformed and hostile requests to the ingestion API, each with the answer it must get: the
 * status and what the error message must name. Shared by every suite that sends them over HTTP,
 * whatever the database behind the server.
 */
import { gzipSync } from 'node:zlib';

export type IngestKeys = { ingest: string; revoked: string; read: string };
type Body = string | Uint8Array | ReadableStream<Uint8Array>;

export type HostileCase = {
  name: string;
  endpoint: 'metrics' | 'requests';
  /** Built at send time: timestamps are relative to the clock. */
  body: () => Body;
  /** Headers besides the defaults (JSON content type, the ingest key); `null` removes one. */
  headers?: (keys: IngestKeys) => Record<string, string | null>;
  status: number;
  /** Must match error.message. */
  message: RegExp;
  /** For 422: the path of the first problem in error.details. */
  path?: string;
};

const MINUTE = 60_000;
const DAY = 86_400_000;
const MiB = 1024 * 1024;

const json = (value: unknown) => () => JSON.stringify(value);
const raw = (text: string) => () => text;

/** A body of one point, with `fields` replacing or adding to a valid one. */
const point = (fields: Record<string, unknown> = {}) => ({ name: 'api.latency', value: 12.5, ...fields });
const metrics = (fields: Record<string, unknown>) => json({ points: [point(fields)] });
const withTs = (ts: () => unknown) => () => JSON.stringify({ points: [point({ ts: ts() })] });
const withTags = (tags: unknown) => metrics({ tags });

const record = (fields: Record<string, unknown> = {}) => ({
  service: 'shop-api',
  route: '/orders/1',
  method: 'GET',
  status: 200,
  durationMs: 41.5,
  ...fields,
});
const requests = (fields: Record<string, unknown>) => json({ requests: [record(fields)] });

const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A valid-looking body of exactly `bytes` bytes: one point whose tag value pads it out. */
function bodyOfSize(bytes: number): string {
  const shell = JSON.stringify({ points: [point({ tags: { pad: '' } })] });
  return shell.replace('"pad":""', `"pad":"${'x'.repeat(bytes - shell.length)}"`);
}

/** Sends `bytes` in 64 KiB chunks without a Content-Length: the size is known only by reading. */
function streamed(text: string): () => ReadableStream<Uint8Array> {
  return () => {
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    return new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 65_536));
        offset += 65_536;
      },
    });
  };
}

const metricsCases: Omit<HostileCase, 'endpoint'>[] = [
  // Who is calling.
  { name: 'no key', body: metrics({}), headers: () => ({ 'x-api-key': null }), status: 401, message: /x-api-key/ },
  {
    name: 'malformed key',
    body: metrics({}),
    headers: () => ({ 'x-api-key': 'obs_ing_\u00e9\u00e9 OR 1=1' }),
    status: 401,
    message: /invalid or has been revoked/,
  },
  {
    name: 'revoked key',
    body: metrics({}),
    headers: (k) => ({ 'x-api-key': k.revoked }),
    status: 401,
    message: /invalid or has been revoked/,
  },
  {
    name: 'read-only admin key',
    body: metrics({}),
    headers: (k) => ({ 'x-api-key': k.read }),
    status: 403,
    message: /admin key does not allow "metrics:write"/,
  },
  // The envelope: type, encoding, size, syntax.
  {
    name: 'text/plain',
    body: metrics({}),
    headers: () => ({ 'content-type': 'text/plain' }),
    status: 415,
    message: /expected Content-Type application\/json/,
  },
  {
    name: 'multipart/form-data',
    body: raw('--x\r\nContent-Disposition: form-data; name="points"\r\n\r\n[]\r\n--x--'),
    headers: () => ({ 'content-type': 'multipart/form-data; boundary=x' }),
    status: 415,
    message: /expected Content-Type application\/json/,
  },
  {
    name: 'no content type',
    body: () => new TextEncoder().encode(metrics({})()),
    headers: () => ({ 'content-type': null }),
    status: 415,
    message: /expected Content-Type application\/json/,
  },
  {
    name: 'gzip content encoding',
    body: () => gzipSync(metrics({})()),
    headers: () => ({ 'content-encoding': 'gzip' }),
    status: 415,
    message: /Content-Encoding gzip is not supported/,
  },
  { name: '10 MB body', body: () => bodyOfSize(10 * MiB), status: 413, message: /exceeds 1048576 bytes/ },
  { name: 'a body one byte over 1 MiB', body: () => bodyOfSize(MiB + 1), status: 413, message: /exceeds 1048576/ },
  { name: 'empty body', body: raw(''), status: 400, message: /request body is empty/ },
  {
    name: 'invalid UTF-8',
    body: () =>
      Buffer.concat([Buffer.from('{"points":[{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]),
    status: 400,
    message: /not valid UTF-8/,
  },
  { name: 'truncated JSON', body: raw('{"points":[{"name":"x","value":1}'), status: 400, message: /not valid JSON/ },
  { name: 'NaN literal', body: raw('{"points":[{"name":"x","value":NaN}]}'), status: 400, message: /not valid JSON/ },
  {
    name: 'duplicate keys',
    body: raw('{"points":[{"name":"x","value":1}],"points":[{"name":"y","value":2}]}'),
    status: 400,
    message: /duplicate key "points" in one object/,
  },
  {
    name: 'duplicate keys in a point',
    body: raw('{"points":[{"name":"x","value":1,"value":"NaN"}]}'),
    status: 400,
    message: /duplicate key "value"/,
  },
  // The body's shape.
  { name: 'body null', body: raw('null'), status: 422, message: /body must be an object/, path: '(root)' },
  { name: 'a JSON string body', body: json('points'), status: 422, message: /body must be an object/ },
  { name: 'an array body', body: json([point()]), status: 422, message: /body must be an object/, path: '(root)' },
  { name: 'points an object', body: json({ points: point() }), status: 422, message: /points must be an array/ },
  { name: 'empty batch', body: json({ points: [] }), status: 422, message: /at least 1 item/, path: 'points' },
  {
    name: '5,001 points',
    body: json({ points: Array.from({ length: 5_001 }, () => point()) }),
    status: 422,
    message: /at most 5000 points per request/,
  },
  {
    name: '10,000 levels of nesting',
    body: raw(`{"points":[${nested(10_000)}]}`),
    status: 422,
    message: /point must be an object/,
    path: 'points.0',
  },
  {
    name: '100,000 levels of nested objects in a tag',
    body: raw(`{"points":[{"name":"x","value":1,"tags":{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}]}`),
    status: 422,
    message: /tag value must be a string/,
    path: 'points.0.tags.a',
  },
  {
    name: 'unknown field',
    body: metrics({ valu: 1 }),
    status: 422,
    message: /unknown field "valu" in point/,
    path: 'points.0',
  },
  {
    name: '__proto__ in the body',
    body: raw('{"points":[{"name":"x","value":1}],"__proto__":{"polluted":true}}'),
    status: 422,
    message: /unknown field "__proto__" in body/,
  },
  {
    name: '__proto__ in a point',
    body: raw('{"points":[{"name":"x","value":1,"__proto__":{"kind":"counter"}}]}'),
    status: 422,
    message: /unknown field "__proto__" in point/,
  },
  { name: 'constructor in a point', body: metrics({ constructor: {} }), status: 422, message: /"constructor"/ },
  // Values.
  {
    name: 'value "NaN"',
    body: metrics({ value: 'NaN' }),
    status: 422,
    message: /points\.0\.value: value must be a JSON number, not a string/,
  },
  { name: 'value "Infinity"', body: metrics({ value: 'Infinity' }), status: 422, message: /not a string/ },
  {
    name: 'value 1e309',
    body: raw('{"points":[{"name":"x","value":1e309}]}'),
    status: 422,
    message: /points\.0\.value: value must be a finite number/,
  },
  { name: 'value -1e309', body: raw('{"points":[{"name":"x","value":-1e309}]}'), status: 422, message: /finite/ },
  { name: 'value 1e16', body: metrics({ value: 1e16 }), status: 422, message: /value must be from -1e15 to 1e15/ },
  { name: 'value true', body: metrics({ value: true }), status: 422, message: /value must be a number/ },
  { name: 'value null', body: metrics({ value: null }), status: 422, message: /value must be a number/ },
  { name: 'no value', body: json({ points: [{ name: 'x' }] }), status: 422, message: /value is required/ },
  {
    name: 'a negative counter',
    body: metrics({ kind: 'counter', value: -1 }),
    status: 422,
    message: /counter values cannot be negative/,
    path: 'points.0.value',
  },
  { name: 'kind histogram', body: metrics({ kind: 'histogram' }), status: 422, message: /kind must be one of/ },
  { name: 'unit with spaces', body: metrics({ unit: 'm s' }), status: 422, message: /unit may contain only/ },
  {
    name: 'a bad point after good ones',
    body: json({ points: [point(), point(), point({ value: '1' })] }),
    status: 422,
    message: /points\.2\.value/,
    path: 'points.2.value',
  },
  // Names.
  {
    name: 'SQL in a name',
    body: metrics({ name: `x'; DROP TABLE "Point";--` }),
    status: 422,
    message: /name may contain only letters, digits/,
  },
  { name: 'NUL in a name', body: metrics({ name: 'api\u0000latency' }), status: 422, message: /name may contain/ },
  {
    name: 'RTL override in a name',
    body: metrics({ name: 'api\u202elatency' }),
    status: 422,
    message: /name may contain/,
  },
  { name: 'emoji in a name', body: metrics({ name: 'api.\u{1f525}' }), status: 422, message: /name may contain/ },
  { name: 'empty name', body: metrics({ name: '' }), status: 422, message: /name must not be empty/ },
  { name: '201-character name', body: metrics({ name: 'a'.repeat(201) }), status: 422, message: /at most 200/ },
  // Tags.
  { name: '17 tags', body: withTags(manyTags(17)), status: 422, message: /at most 16 tags per point \(got 17\)/ },
  {
    name: '10,000 tags',
    body: withTags(manyTags(10_000)),
    status: 422,
    message: /at most 16 tags per point \(got 10000\)/,
    path: 'points.0.tags',
  },
  {
    name: 'tag key of 65 characters',
    body: withTags({ ['k'.repeat(65)]: 'v' }),
    status: 422,
    message: /tag key must be at most 64 characters/,
    path: 'points.0.tags',
  },
  {
    name: 'tag value of 201 characters',
    body: withTags({ route: 'v'.repeat(201) }),
    status: 422,
    message: /tag value must be at most 200 characters/,
    path: 'points.0.tags.route',
  },
  {
    name: '__proto__ tag',
    body: raw('{"points":[{"name":"x","value":1,"tags":{"__proto__":"y"}}]}'),
    status: 422,
    message: /tag key __proto__ is reserved/,
  },
  { name: 'constructor tag', body: withTags({ constructor: 'y' }), status: 422, message: /constructor is reserved/ },
  { name: 'prototype tag', body: withTags({ prototype: 'y' }), status: 422, message: /prototype is reserved/ },
  {
    name: 'SQL in a tag key',
    body: withTags({ "a' OR '1'='1": 'v' }),
    status: 422,
    message: /tag key may contain only/,
  },
  {
    name: 'lone surrogate in a tag value',
    body: raw('{"points":[{"name":"x","value":1,"tags":{"route":"/a\\ud800b"}}]}'),
    status: 422,
    message: /tag value must be valid unicode text/,
    path: 'points.0.tags.route',
  },
  {
    name: 'NUL in a tag value',
    body: withTags({ route: '/a\u0000b' }),
    status: 422,
    message: /tag value must not contain control characters/,
  },
  {
    name: 'RTL override in a tag value',
    body: withTags({ route: '/a\u202eb' }),
    status: 422,
    message: /tag value must not contain control characters/,
  },
  { name: 'a number as a tag value', body: withTags({ route: 5 }), status: 422, message: /tag value must be a string/ },
  { name: 'tags an array', body: withTags(['a', 'b']), status: 422, message: /tags must be an object/ },
  // Timestamps.
  {
    name: 'ts 6 minutes ahead',
    body: withTs(() => Date.now() + 6 * MINUTE),
    status: 422,
    message: /points\.0\.ts: ts is more than 5 minutes in the future/,
    path: 'points.0.ts',
  },
  {
    name: 'ts 31 days old',
    body: withTs(() => Date.now() - 31 * DAY),
    status: 422,
    message: /ts is older than the retention of 30 days/,
  },
  {
    name: 'ts 6 minutes ahead, ISO 8601',
    body: withTs(() => new Date(Date.now() + 6 * MINUTE).toISOString()),
    status: 422,
    message: /more than 5 minutes in the future/,
  },
  {
    name: 'ts in seconds',
    body: withTs(() => Math.floor(Date.now() / 1000)),
    status: 422,
    message: /looks like seconds/,
  },
  {
    name: 'ISO ts with junk after it',
    body: withTs(() => `${new Date().toISOString()}junk`),
    status: 422,
    message: /ts must be an ISO 8601 date-time/,
  },
  {
    name: 'ISO ts without a zone',
    body: withTs(() => new Date().toISOString().slice(0, 19)),
    status: 422,
    message: /ts must be an ISO 8601 date-time with Z or an offset/,
  },
  {
    name: 'ISO ts on February 30',
    body: withTs(() => '2026-02-30T10:00:00Z'),
    status: 422,
    message: /ts is not a valid calendar date/,
  },
  { name: 'ts "NaN"', body: withTs(() => 'NaN'), status: 422, message: /ts must be an ISO 8601 date-time/ },
  { name: 'ts as an object', body: withTs(() => ({ $gt: 0 })), status: 422, message: /ts must be milliseconds/ },
];

const requestsCases: Omit<HostileCase, 'endpoint'>[] = [
  {
    name: 'read-only admin key',
    body: requests({}),
    headers: (k) => ({ 'x-api-key': k.read }),
    status: 403,
    message: /does not allow "metrics:write"/,
  },
  {
    name: 'garbage bearer token',
    body: requests({}),
    headers: () => ({ 'x-api-key': null, authorization: 'Bearer obs_ing_0000' }),
    status: 401,
    message: /invalid or has been revoked/,
  },
  {
    name: 'a JSON-looking content type',
    body: requests({}),
    headers: () => ({ 'content-type': 'application/json-patch+json' }),
    status: 415,
    message: /expected Content-Type application\/json/,
  },
  {
    name: 'over 1 MiB streamed without a length',
    body: streamed(bodyOfSize(MiB + 65_536)),
    status: 413,
    message: /exceeds 1048576 bytes/,
  },
  { name: 'body null', body: raw('null'), status: 422, message: /body must be an object/ },
  { name: 'an array body', body: json([record()]), status: 422, message: /body must be an object/ },
  {
    name: 'metrics sent to the requests endpoint',
    body: json({ points: [point()] }),
    status: 422,
    message: /invalid body: requests: requests is required/,
  },
  { name: 'requests a string', body: json({ requests: 'all' }), status: 422, message: /requests must be an array/ },
  { name: 'empty batch', body: json({ requests: [] }), status: 422, message: /at least 1 item/ },
  {
    name: '5,001 records',
    body: json({ requests: Array.from({ length: 5_001 }, () => record()) }),
    status: 422,
    message: /at most 5000 requests per request/,
  },
  {
    name: 'status 99',
    body: requests({ status: 99 }),
    status: 422,
    message: /requests\.0\.status: status must be an integer from 100 to 599/,
    path: 'requests.0.status',
  },
  { name: 'status 600', body: requests({ status: 600 }), status: 422, message: /from 100 to 599/ },
  { name: 'status "200"', body: requests({ status: '200' }), status: 422, message: /status must be a JSON number/ },
  { name: 'status 200.5', body: requests({ status: 200.5 }), status: 422, message: /status must be an integer/ },
  {
    name: 'negative durationMs',
    body: requests({ durationMs: -1 }),
    status: 422,
    message: /durations cannot be negative/,
    path: 'requests.0.durationMs',
  },
  {
    name: 'durationMs 1e309',
    body: raw(
      JSON.stringify({ requests: [record({ durationMs: 0 })] }).replace('"durationMs":0', '"durationMs":1e309'),
    ),
    status: 422,
    message: /durationMs must be a finite number/,
  },
  {
    name: 'durationMs "NaN"',
    body: requests({ durationMs: 'NaN' }),
    status: 422,
    message: /durationMs must be a JSON/,
  },
  { name: 'no durationMs', body: requests({ durationMs: undefined }), status: 422, message: /durationMs is required/ },
  { name: 'negative dbTimeMs', body: requests({ dbTimeMs: -5 }), status: 422, message: /cannot be negative/ },
  { name: 'dbQueries -1', body: requests({ dbQueries: -1 }), status: 422, message: /dbQueries must be an integer/ },
  { name: 'requestBytes 1.5', body: requests({ requestBytes: 1.5 }), status: 422, message: /requestBytes must be/ },
  { name: 'cacheHit "yes"', body: requests({ cacheHit: 'yes' }), status: 422, message: /cacheHit must be true/ },
  {
    name: 'method with CRLF',
    body: requests({ method: 'GET\r\n' }),
    status: 422,
    message: /method must be one of GET/,
    path: 'requests.0.method',
  },
  { name: 'method TRACE', body: requests({ method: 'TRACE' }), status: 422, message: /method must be one of/ },
  {
    name: 'route of 5,000 characters',
    body: requests({ route: `/${'a'.repeat(4_999)}` }),
    status: 422,
    message: /route must be at most 2000 characters/,
  },
  { name: 'route without /', body: requests({ route: 'orders/1' }), status: 422, message: /route must start with/ },
  {
    name: 'CRLF in a route',
    body: requests({ route: '/a\r\nSet-Cookie: x=1' }),
    status: 422,
    message: /route must not contain control characters/,
  },
  { name: 'NUL in a route', body: requests({ route: '/a\u0000' }), status: 422, message: /control characters/ },
  {
    name: 'path of 5,000 characters',
    body: requests({ path: `/${'a'.repeat(4_999)}` }),
    status: 422,
    message: /path must be at most 2000 characters/,
  },
  { name: 'path without /', body: requests({ path: 'orders/1' }), status: 422, message: /path must start with/ },
  {
    name: 'CRLF in a path',
    body: requests({ path: '/a\r\nSet-Cookie: x=1' }),
    status: 422,
    message: /path must not contain control characters/,
  },
  { name: 'path 42', body: requests({ path: 42 }), status: 422, message: /path must be a string/ },
  {
    name: 'markup in an instance',
    body: requests({ instance: '<script>alert(1)</script>' }),
    status: 422,
    message: /instance must start with a letter/,
  },
  {
    name: 'instance of 101 characters',
    body: requests({ instance: `i${'x'.repeat(100)}` }),
    status: 422,
    message: /instance must be at most 100 characters/,
  },
  { name: 'instance ["a"]', body: requests({ instance: ['a'] }), status: 422, message: /instance must be a string/ },
  {
    name: 'SQL in a service',
    body: requests({ service: 'shop\'; DELETE FROM "Series";--' }),
    status: 422,
    message: /service may contain only/,
  },
  { name: 'emoji in a service', body: requests({ service: 'shop\u{1f6d2}' }), status: 422, message: /service may/ },
  {
    name: '__proto__ in a record',
    body: raw(JSON.stringify({ requests: [record()] }).replace('{"service"', '{"__proto__":{"status":500},"service"')),
    status: 422,
    message: /unknown field "__proto__" in request/,
  },
  {
    name: 'ts 6 minutes ahead',
    body: () => JSON.stringify({ requests: [record({ ts: Date.now() + 6 * MINUTE })] }),
    status: 422,
    message: /requests\.0\.ts: ts is more than 5 minutes in the future/,
  },
  {
    name: 'ts 31 days old',
    body: () => JSON.stringify({ requests: [record({ ts: new Date(Date.now() - 31 * DAY).toISOString() })] }),
    status: 422,
    message: /requests\.0\.ts: ts is older than the retention/,
  },
  {
    name: 'ISO ts with junk',
    body: requests({ ts: '2026-01-01T00:00:00Z; DROP TABLE' }),
    status: 422,
    message: /ts must be an ISO 8601/,
  },
];

export const HOSTILE_CASES: HostileCase[] = [
  ...metricsCases.map((c) => ({ ...c, endpoint: 'metrics' as const })),
  ...requestsCases.map((c) => ({ ...c, endpoint: 'requests' as const })),
];

/** Sends a case to a server; a streamed body goes out chunked, without a Content-Length. */
export async function sendCase(baseUrl: string, c: HostileCase, keys: IngestKeys): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': keys.ingest };
  for (const [name, value] of Object.entries(c.headers?.(keys) ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const body = c.body();
  return fetch(`${baseUrl}/api/v1/${c.endpoint}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}
