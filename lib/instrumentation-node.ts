import { ConfigError, getConfig } from './config';

/**
 * Validates the configuration at boot, so a bad environment stops the process with one line
 * instead of failing on the first request; then starts Sentry (with SENTRY_DSN), the background
 * jobs and self-monitoring.
 */
export async function registerNode(): Promise<void> {
  try {
    getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`observatory: ${err.message}`);
    process.exit(1);
  }
  // Not while `next build` prerenders: these belong to a serving process.
  if (process.env.NEXT_PHASE !== 'phase-production-build') {
    const { initSentry } = await import('./sentry/init');
    await initSentry().catch((err: unknown) =>
      // The message only: an SDK error could quote its options, the DSN among them.
      console.error('observatory: Sentry did not start:', err instanceof Error ? err.name : 'error'),
    );
    const { startJobs } = await import('./jobs');
    startJobs();
    const { startSelfMonitoring } = await import('./selfmon');
    await startSelfMonitoring();
  }
}
