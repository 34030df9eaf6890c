/**
 * Builds the browser tracker (lib/tracker) into the two files /tracker.js serves: the standard
 * build and the attribution build (web-vitals' attribution entry, loaded only when the tag asks
 * for attribution). Minified IIFEs; the web-vitals library is bundled in. esbuild takes well
 * under a second, so the start command builds them whenever the server is built, and in dev.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from '../../lib/db/schema-files';

export const TRACKER_DIR = path.join(ROOT, '.next', 'observatory', 'tracker');
export const TRACKER_BUILDS = {
  'tracker.js': { entry: 'tracker.ts', attribution: false },
  'tracker.attribution.js': { entry: 'tracker.attribution.ts', attribution: true },
} as const;

/** Writes both builds to `outDir`; returns their paths by file name. */
export function buildTracker(outDir: string = TRACKER_DIR): Record<keyof typeof TRACKER_BUILDS, string> {
  const out = {} as Record<keyof typeof TRACKER_BUILDS, string>;
  for (const [file, { entry, attribution }] of Object.entries(TRACKER_BUILDS)) {
    const outfile = path.join(outDir, file);
    buildSync({
      entryPoints: [path.join(ROOT, 'lib', 'tracker', entry)],
      outfile,
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      // Class fields, optional chaining and ?? as they are (browsers since 2021): no helpers, smaller.
      target: 'es2022',
      define: { __ATTRIBUTION__: String(attribution) },
      legalComments: 'none',
      logLevel: 'warning',
    });
    out[file as keyof typeof TRACKER_BUILDS] = outfile;
  }
  return out;
}

/** Whether both builds exist (a current server build whose tracker files were removed builds them again). */
export function trackerBuilt(outDir: string = TRACKER_DIR): boolean {
  return Object.keys(TRACKER_BUILDS).every((file) => fs.existsSync(path.join(outDir, file)));
}
