import { ConfigError, getConfig } from './config';

/**
 * Validates the configuration at boot, so a bad environment stops the process with one line
 * instead of failing on the first request; then starts the background jobs.
 */
export async function registerNode(): Promise<void> {
  try {
    getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`observatory: ${err.message}`);
    process.exit(1);
  }
  // Not while `next build` prerenders: jobs belong to a serving process.
  if (process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startJobs } = await import('./jobs');
    startJobs();
  }
}
