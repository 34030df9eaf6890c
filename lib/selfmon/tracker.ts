/**
 * Whether the browser tracker has been built: the app serves it at /tracker.js from
 * public/tracker.js. Until it exists, pages do not reference it (a 404 for a script would be an
 * error in every page's console). Checked at most once a minute.
 */
import fs from 'node:fs';
import path from 'node:path';

export const TRACKER_PATH = '/tracker.js';
const FILE = path.join(process.cwd(), 'public', 'tracker.js');
const RECHECK_MS = 60_000;

const known = new Map<string, { exists: boolean; at: number }>();

export function trackerBuilt(file = FILE, now = Date.now()): boolean {
  let entry = known.get(file);
  if (!entry || now - entry.at > RECHECK_MS) known.set(file, (entry = { exists: fs.existsSync(file), at: now }));
  return entry.exists;
}
