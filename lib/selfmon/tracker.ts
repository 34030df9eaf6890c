/**
 * Whether the browser tracker has been built: the app serves it at /tracker.js from the build
 * (lib/tracker/serve.ts). Until it exists, pages do not reference it (a failed script would be
 * an error in every page's console). Checked at most once a minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRACKER_BUILD_DIR } from '../tracker/paths';

export const TRACKER_PATH = '/tracker.js';
const FILE = path.join(TRACKER_BUILD_DIR, 'tracker.js');
const RECHECK_MS = 60_000;

const known = new Map<string, { exists: boolean; at: number }>();

export function trackerBuilt(file = FILE, now = Date.now()): boolean {
  let entry = known.get(file);
  if (!entry || now - entry.at > RECHECK_MS)
    known.set(file, (entry = { exists: fs.existsSync(/*turbopackIgnore: true*/ file), at: now }));
  return entry.exists;
}
