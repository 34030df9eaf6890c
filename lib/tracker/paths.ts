/** Where the built tracker lives at run time: scripts/lib/tracker-build.ts writes it beside the server bundle. */
import path from 'node:path';

/** The server runs from the project's root (scripts/start.ts). */
export const TRACKER_BUILD_DIR = path.join(process.cwd(), '.next', 'observatory', 'tracker');
