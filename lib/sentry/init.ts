/**
 * Starts Sentry's server SDK when SENTRY_DSN is set (called once at boot from
 * lib/instrumentation-node.ts). No build integration (withSentryConfig): no source maps are
 * uploaded, nothing changes in the build, and @sentry/nextjs is an external package loaded from
 * node_modules only here. No tracing, and the SDK's default of no personal data: errors only. The DSN holds a key, so
 * it is never logged.
 */
import { getConfig } from '../config';
import { VERSION } from '../version';
import { setReporter } from './index';

export async function initSentry(): Promise<boolean> {
  const dsn = getConfig().SENTRY_DSN;
  if (!dsn) return false;
  const Sentry = await import('@sentry/nextjs');
  Sentry.init({
    dsn,
    release: `observatory@${VERSION}`,
    environment: process.env.NODE_ENV,
    tracesSampleRate: 0,
    debug: false,
  });
  setReporter({
    error: (err, req) => {
      Sentry.withScope((scope) => {
        scope.setContext('request', { method: req.method, path: new URL(req.url).pathname });
        Sentry.captureException(err, { mechanism: { type: 'observatory.route', handled: false } });
      });
    },
    requestError: (err, request, context) => Sentry.captureRequestError(err, request, context),
  });
  return true;
}
