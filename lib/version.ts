import pkg from '../package.json' with { type: 'json' };

/** The running release, from package.json. */
export const VERSION: string = pkg.version;

const startedAt = Date.now();

/** Seconds since this process loaded the app. */
export function uptimeSeconds(): number {
  return Math.round((Date.now() - startedAt) / 100) / 10;
}
