/**
 * Runs once when a server instance starts (Next.js instrumentation hook).
 * The Node.js-only work lives in lib/instrumentation-node.ts so the Edge bundle stays clean.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./lib/instrumentation-node');
    await registerNode();
  }
}
