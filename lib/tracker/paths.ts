/** Where the built tracker lives at run time: scripts/lib/tracker-build.ts writes it beside the server bundle. */
import path from 'node:path';

/**
 * The server runs from the project's root (scripts/start.ts). Reads of it are marked
 * turbopackIgnore: the bundler cannot scope a path built in another module and would otherwise
 * trace the whole project into the server's output.
 */
export const TRACKER_BUILD_DIR = path.join(process.cwd(), '.next', 'observatory', 'tracker');
