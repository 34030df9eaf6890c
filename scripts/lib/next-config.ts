/**
 * The Next.js configuration as the last production build resolved it from next.config.ts.
 *
 * Next.js reads a TypeScript config by compiling it with SWC, whose native binding then stays
 * loaded for the life of the process (~40 MB resident; bench/idle-memory.ts). `next build`
 * writes the resolved config into .next/required-server-files.json, and Next's own standalone
 * server hands it back through __NEXT_PRIVATE_STANDALONE_CONFIG, which its config loader takes
 * instead of the file (node_modules/next/dist/server/config.js). The production server does the
 * same; the build-hash check in scripts/lib/build.ts keeps the file and the build in step.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Next.js's name for the variable its standalone server.js sets. */
export const BUILT_CONFIG_ENV = '__NEXT_PRIVATE_STANDALONE_CONFIG';

/** The resolved config of the build in `root`/.next, serialized as Next.js expects it in BUILT_CONFIG_ENV. */
export function builtNextConfig(root: string): string {
  const file = path.join(root, '.next', 'required-server-files.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `no production build in ${path.dirname(file)} (npm start builds one)`
        : `${file}: ${(err as Error).message}`,
    );
  }
  const config = manifest && typeof manifest === 'object' && 'config' in manifest ? manifest.config : undefined;
  if (!config || typeof config !== 'object') throw new Error(`${file} holds no "config": rebuild with npm start`);
  return JSON.stringify(config);
}
