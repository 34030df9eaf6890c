/**
 * The one entry every route handler goes through:
 *   export const GET = route({ auth: 'user', permission: 'dashboards:read', query: schema },
 *     async ({ actor, query }) => data);
 * In order: who is calling (session or key) and may they (named permission, CSRF), rate
 * limit, zod validation of query and body, the handler. Every failure becomes the one error
 * shape, unexpected errors leak no details, and every response carries X-Response-Time.
 * While self-monitoring runs, each request is also recorded (route template, method, status,
 * duration and the time its database calls took) into a buffer that is written every few
 * seconds, off the request (lib/selfmon).
 */
import type { z } from 'zod';
import type { Actor, Permission } from '../auth/permissions';
import { measureDbTime } from '../db/db-time';
import { getRateLimiter, rateLimitHeaders, RULES, type BucketRule, type RateLimiter } from '../ratelimit';
import { authenticate, requireSameOrigin, type ActorFor, type AuthMode } from './authenticate';
import { firstDuplicateKey } from './duplicate-keys';
import { ApiError, badRequest, notFound, payloadTooLarge, unsupportedMediaType } from './errors';
import { parseInput } from './issues';
import { recordRequest, selfMonitoringActive } from '../selfmon';
import { reportError } from '../sentry';

export type { AuthMode } from './authenticate';

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export type RateLimitOption = {
  /** The bucket's rule, or a function giving it when it depends on the configuration (read per request). */
  rule: BucketRule | (() => BucketRule);
  /** The bucket a request draws from, e.g. `ip:${address}`; the actor is null on public routes. */
  key: (req: Request, actor: Actor | null) => string;
  /** Defaults to the process's limiter (Redis when configured). */
  limiter?: RateLimiter;
};

export type RouteOptions<
  Q extends Schema | undefined,
  B extends Schema | undefined,
  A extends AuthMode,
  P extends Schema | undefined = undefined,
> = {
  /** Who may call: every handler states it; public routes are an explicit list in tests/unit/routes.test.ts. */
  auth: A;
  /** The named permission the caller needs (lib/auth/permissions.ts); none: any signed-in caller. */
  permission?: Permission;
  /** Public form posts (sign-in, setup): require this site's Origin header, as cookie-authenticated mutations do. */
  sameOrigin?: boolean;
  query?: Q;
  body?: B;
  /** The path's parameters (lib/http/params.ts); one that does not fit answers 404 before anything is looked up. */
  params?: P;
  /**
   * A quicker reading of the body for the common case (hot ingestion routes): its result when
   * it is sure the body is valid, built as `body` would build it; null hands the body to `body`.
   */
  fastBody?: (input: unknown) => Parsed<B> | null;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Token-bucket limit, checked before the body is read. Authenticated routes without one draw
   * from a per-caller bucket: the dashboard rule for users, the performance API's for keys.
   */
  rateLimit?: RateLimitOption;
  /** Headers on every answer, errors included (routes proxy.ts skips carry their security headers here). */
  headers?: Record<string, string>;
};

export type RouteContext<Q, B, A extends AuthMode = AuthMode, P = undefined> = {
  req: Request;
  /** The caller: a user or a key; null on public routes. */
  actor: ActorFor<A>;
  query: Parsed<Q>;
  body: Parsed<B>;
  params: Parsed<P>;
};

type NextContext = { params?: Promise<Record<string, string | string[]>> };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const TEXT_TYPE = /^text\/plain\s*(;|$)/i;

/**
 * Reads a JSON body without trusting Content-Length, stopping as soon as it exceeds `limit`.
 * `textPlain` also takes JSON sent as text/plain: browsers' beacons, which that type spares a
 * CORS preflight.
 */
export async function readJsonBody(req: Request, limit: number, { textPlain = false } = {}): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').trim();
  // Exactly application/json, with parameters: `\b` alone let application/json-patch+json through.
  if (!JSON_TYPE.test(type) && !(textPlain && TEXT_TYPE.test(type))) {
    throw unsupportedMediaType(textPlain ? 'application/json or text/plain' : 'application/json');
  }
  // Compressed bodies are not decoded: refuse them by name rather than call gzip invalid UTF-8.
  const encoding = req.headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    const shown = /^[a-z0-9-]{1,20}$/.test(encoding) ? `Content-Encoding ${encoding}` : 'this Content-Encoding';
    throw new ApiError(415, 'unsupported_media_type', `${shown} is not supported; send the body uncompressed`);
  }
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!req.body) throw badRequest('request body is empty');

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  if (size === 0) throw badRequest('request body is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest('request body is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw badRequest(`request body is not valid JSON (${err instanceof Error ? err.message : 'parse error'})`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== null) {
    const shown = duplicate.length <= 32 && /^[\x21-\x7e]+$/.test(duplicate) ? ` "${duplicate}"` : '';
    throw badRequest(`request body is not valid JSON: duplicate key${shown} in one object`);
  }
  return parsed;
}

function stamp(res: Response, started: number, extra: Record<string, string> = {}): Response {
  const headers = { ...extra, 'X-Response-Time': `${(performance.now() - started).toFixed(1)}ms` };
  try {
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    return res;
  } catch {
    // Immutable headers (e.g. a fetched Response passed through): copy them.
    const copy = new Response(res.body, res);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/** Takes `cost` tokens from a bucket; throws 429 when it is empty. Returns the RateLimit headers. */
export async function takeOrRefuse(
  key: string,
  rule: BucketRule,
  limiter: RateLimiter = getRateLimiter(),
): Promise<Record<string, string>> {
  const decision = await limiter.take(key, rule);
  const headers = rateLimitHeaders(decision, rule);
  if (!decision.allowed) {
    throw new ApiError(
      429,
      'rate_limited',
      `too many requests; retry in ${decision.retryAfterSeconds} s`,
      undefined,
      headers,
    );
  }
  return headers;
}

function defaultLimit(actor: Actor | null): RateLimitOption | undefined {
  if (!actor) return undefined;
  return actor.type === 'user'
    ? { rule: RULES.dashboard, key: () => `user:${actor.id}` }
    : { rule: RULES.performanceApi, key: () => `key:${actor.id}` };
}

/** Path parameters, or 404 naming what the path cannot point at. */
function parsePath<P extends Schema | undefined>(schema: P, raw: Record<string, string | string[]>): Parsed<P> {
  if (!schema) return undefined as Parsed<P>;
  const result = schema.safeParse(raw);
  if (result.success) return result.data as Parsed<P>;
  throw notFound(result.error.issues[0]?.message ?? 'not found');
}

export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  A extends AuthMode = AuthMode,
  P extends Schema | undefined = undefined,
>(
  options: RouteOptions<Q, B, A, P>,
  handler: (ctx: RouteContext<Q, B, A, P>) => Promise<unknown> | unknown,
): (req: Request, ctx?: NextContext) => Promise<Response> {
  const handle = async (req: Request, ctx: NextContext | undefined, started: number): Promise<Response> => {
    let limitHeaders: Record<string, string> = options.headers ?? {};
    try {
      const actor = await authenticate(req, options.auth, options.permission);
      if (options.sameOrigin) requireSameOrigin(req);
      const rateLimit = options.rateLimit ?? defaultLimit(actor);
      if (rateLimit) {
        const rule = typeof rateLimit.rule === 'function' ? rateLimit.rule() : rateLimit.rule;
        limitHeaders = { ...limitHeaders, ...(await takeOrRefuse(rateLimit.key(req, actor), rule, rateLimit.limiter)) };
      }
      const params = parsePath(options.params as P, (await ctx?.params) ?? {});
      const query = (
        options.query
          ? parseInput(options.query, queryObject(new URL(req.url)), { prefix: 'invalid query: ' })
          : undefined
      ) as Parsed<Q>;
      let body = undefined as Parsed<B>;
      if (options.body) {
        const raw = await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        body = options.fastBody?.(raw) ?? (parseInput(options.body, raw, { prefix: 'invalid body: ' }) as Parsed<B>);
      }
      const out = await handler({ req, actor: actor as ActorFor<A>, query, body, params });
      return stamp(out instanceof Response ? out : Response.json(out), started, limitHeaders);
    } catch (err) {
      if (err instanceof ApiError) return stamp(err.toResponse(), started, limitHeaders);
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, err instanceof Error ? err.stack : err);
      reportError(err, req);
      return stamp(new ApiError(500, 'internal', 'internal error').toResponse(), started, options.headers);
    }
  };

  return async (req, ctx) => {
    const started = performance.now();
    if (!selfMonitoringActive()) return handle(req, ctx, started);
    return measureDbTime(async (dbTime) => {
      const res = await handle(req, ctx, started);
      // Resolved already on every path that reached the handler; awaited here for the others.
      const params = await Promise.resolve(ctx?.params).catch(() => undefined);
      recordRequest(req, params ?? {}, res.status, performance.now() - started, dbTime);
      return res;
    });
  };
}
