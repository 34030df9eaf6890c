/**
 * node:http servers (and Express, Fastify's raw req/res, …): `reporter.observe(req, res)` when a request arrives
 * records it when the response finishes, or as 499 when the client goes away first (nginx's "client closed
 * request"), so aborted requests stay visible without counting as server errors.
 */
import { contentLength } from './status';
import type { NodeRequestLike, NodeResponseLike, ObserveOptions, RequestInput } from './types';

/** The matched route of Express (`req.baseUrl` + `req.route.path`) when it is a plain string. */
function expressRoute(req: NodeRequestLike): string | undefined {
  const { route, baseUrl } = req as { route?: { path?: unknown }; baseUrl?: unknown };
  const path = route?.path;
  if (typeof path !== 'string') return undefined;
  return `${typeof baseUrl === 'string' ? baseUrl : ''}${path}` || '/';
}

/** The path of a request target (`/a/b?c` → `/a/b`; the absolute form too). */
export function pathOf(url: string | undefined): string {
  if (!url) return '/';
  if (!url.startsWith('/')) {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function routeOf(req: NodeRequestLike, option: ObserveOptions['route']): string {
  if (typeof option === 'function') return option(req);
  return option ?? expressRoute(req) ?? pathOf(req.url);
}

export function observeRequest(
  record: (request: RequestInput) => void,
  req: NodeRequestLike,
  res: NodeResponseLike,
  options: ObserveOptions = {},
): void {
  try {
    const ts = Date.now();
    const started = performance.now();
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      try {
        record({
          route: routeOf(req, options.route),
          path: pathOf(req.url),
          method: req.method ?? 'GET',
          status: aborted ? 499 : res.statusCode,
          durationMs: performance.now() - started,
          ts,
          requestBytes: contentLength(req.headers['content-length']),
          responseBytes: aborted ? undefined : contentLength(res.getHeader('content-length')),
        });
      } catch {
        // A route function that throws loses this one record, nothing else.
      }
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(res.writableFinished === false));
  } catch {
    // Not a response we can listen to: nothing is recorded, and the request is served as before.
  }
}
