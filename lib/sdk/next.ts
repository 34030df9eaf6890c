/**
 * Next.js App Router route handlers: `export const GET = reporter.wrap('/users/[id]', async (req, ctx) => …)`.
 * Next.js gives a handler no route template at run time, so the caller names it. The duration runs until the
 * handler returns its Response (time to headers; a streamed body may go on after).
 */
import { pathOf } from './node-http';
import { contentLength, statusOfResult, statusOfThrown } from './status';
import type { RequestInput } from './types';

export function wrapHandler<Req extends Request, Ctx extends unknown[], Res extends Response>(
  record: (request: RequestInput) => void,
  route: string,
  handler: (req: Req, ...ctx: Ctx) => Res | Promise<Res>,
): (req: Req, ...ctx: Ctx) => Promise<Res> {
  return async (req, ...ctx) => {
    const ts = Date.now();
    const started = performance.now();
    let status = 500;
    let res: unknown;
    try {
      res = await handler(req, ...ctx);
      status = statusOfResult(res);
      return res as Res;
    } catch (err) {
      status = statusOfThrown(err);
      throw err;
    } finally {
      const durationMs = performance.now() - started;
      try {
        record({
          route,
          path: pathOf(req.url),
          method: req.method,
          status,
          durationMs,
          ts,
          requestBytes: contentLength(req.headers.get('content-length')),
          responseBytes: res instanceof Response ? contentLength(res.headers.get('content-length')) : undefined,
        });
      } catch {
        // Whatever `req` is, timing it must not change what the handler answers.
      }
    }
  };
}
