/**
 * Errors to Sentry, when SENTRY_DSN is set. Nothing here loads the Sentry SDK: init.ts does, at
 * boot and only with a DSN, and registers the functions below on globalThis (route handlers
 * and instrumentation are separate module copies). Without a DSN these are no-ops: no SDK in
 * memory, no network, no patched modules.
 */
export type RequestErrorInfo = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
export type RequestErrorContext = { routerKind: string; routePath: string; routeType: string };

export type Reporter = {
  /** An unexpected error route() turned into a 500. */
  error(err: unknown, req: Request): void;
  /** An error Next.js reports through instrumentation's onRequestError (pages, server components). */
  requestError(err: unknown, request: RequestErrorInfo, context: RequestErrorContext): void;
};

const KEY = Symbol.for('observatory.sentry');
const registry = globalThis as unknown as Record<typeof KEY, Reporter | undefined>;

export function setReporter(reporter: Reporter | undefined): void {
  registry[KEY] = reporter;
}

export function reportError(err: unknown, req: Request): void {
  try {
    registry[KEY]?.error(err, req);
  } catch {
    // Reporting an error must not become one.
  }
}

export function reportRequestError(err: unknown, request: RequestErrorInfo, context: RequestErrorContext): void {
  try {
    registry[KEY]?.requestError(err, request, context);
  } catch {
    // As above.
  }
}
