/**
 * The one entry every route handler goes through:
 *   export const GET = route({ auth: 'public', query: schema }, async ({ query }) => data);
 * It validates query and body with zod, turns every failure into the one error shape, never
 * lets an unexpected error leak details, and stamps X-Response-Time on every response.
 */
import type { z } from 'zod';
import { getRateLimiter, rateLimitHeaders, type BucketRule, type RateLimiter } from '../ratelimit';
import { ApiError, badRequest, payloadTooLarge, unsupportedMediaType } from './errors';
import { parseInput } from './issues';

/** Who may call a route. Every handler states it; public routes are an explicit list in tests/unit/routes.test.ts. */
export type Auth = 'public';

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export type RouteOptions<Q extends Schema | undefined, B extends Schema | undefined> = {
  auth: Auth;
  query?: Q;
  body?: B;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Token-bucket limit, checked before the body is read. */
  rateLimit?: {
    rule: BucketRule;
    /** The bucket a request draws from, e.g. `key:${id}` or `ip:${address}`. */
    key: (req: Request) => string;
    /** Defaults to the process's limiter (Redis when configured). */
    limiter?: RateLimiter;
  };
};

export type RouteContext<Q, B> = {
  req: Request;
  query: Parsed<Q>;
  body: Parsed<B>;
  params: Record<string, string | string[]>;
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

/** Reads a JSON body without trusting Content-Length, stopping as soon as it exceeds `limit`. */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) throw unsupportedMediaType('application/json');
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
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`request body is not valid JSON (${err instanceof Error ? err.message : 'parse error'})`);
  }
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

/** Takes a token for the request; throws 429 when the bucket is empty. Returns the RateLimit headers. */
async function limit(req: Request, rateLimit: NonNullable<RouteOptions<undefined, undefined>['rateLimit']>) {
  const limiter = rateLimit.limiter ?? getRateLimiter();
  const decision = await limiter.take(rateLimit.key(req), rateLimit.rule);
  const headers = rateLimitHeaders(decision, rateLimit.rule);
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

export function route<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: RouteOptions<Q, B>,
  handler: (ctx: RouteContext<Q, B>) => Promise<unknown> | unknown,
): (req: Request, ctx?: NextContext) => Promise<Response> {
  return async (req, ctx) => {
    const started = performance.now();
    let limitHeaders: Record<string, string> = {};
    try {
      if (options.rateLimit) limitHeaders = await limit(req, options.rateLimit);
      const query = (
        options.query
          ? parseInput(options.query, queryObject(new URL(req.url)), { prefix: 'invalid query: ' })
          : undefined
      ) as Parsed<Q>;
      const body = (
        options.body
          ? parseInput(options.body, await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), {
              prefix: 'invalid body: ',
            })
          : undefined
      ) as Parsed<B>;
      const params = (await ctx?.params) ?? {};
      const out = await handler({ req, query, body, params });
      return stamp(out instanceof Response ? out : Response.json(out), started, limitHeaders);
    } catch (err) {
      if (err instanceof ApiError) return stamp(err.toResponse(), started, limitHeaders);
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, err instanceof Error ? err.stack : err);
      return stamp(new ApiError(500, 'internal', 'internal error').toResponse(), started);
    }
  };
}
