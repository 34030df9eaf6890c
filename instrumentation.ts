/**
 * Runs once when a server instance starts (Next.js instrumentation hook).
 * The Node.js-only work lives in lib/instrumentation-node.ts so the Edge bundle stays clean.
 */
import type { Instrumentation } from 'next';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./lib/instrumentation-node');
    await registerNode();
  }
}

/** Errors in pages and server components, to Sentry when it is configured (lib/sentry). */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { reportRequestError } = await import('./lib/sentry');
  reportRequestError(err, request, context);
};
