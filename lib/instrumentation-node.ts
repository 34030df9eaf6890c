import { ConfigError, getConfig } from './config';

/**
 * Validates the configuration at boot, so a bad environment stops the process with one line
 * instead of failing on the first request.
 */
export function registerNode(): void {
  try {
    getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`observatory: ${err.message}`);
    process.exit(1);
  }
}
