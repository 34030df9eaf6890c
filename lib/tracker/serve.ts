/**
 * Serves the built tracker (scripts/lib/tracker-build.ts writes it beside the server bundle).
 * Other sites load it cross-origin, so the answer is plain public JavaScript: a cache lifetime
 * (the URL is not versioned: an hour, then revalidated by ETag), readable by any origin (CORS,
 * CORP), no cookies. Next.js gzips it (it drops a route handler's own Content-Encoding, so
 * brotli needs a proxy in front that compresses).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../http/errors';
import { TRACKER_BUILD_DIR } from './paths';

export const TRACKER_FILES = ['tracker.js', 'tracker.attribution.js'] as const;
export type TrackerFile = (typeof TRACKER_FILES)[number];

type Built = { raw: Buffer; etag: string; mtimeMs: number };

const cache = new Map<TrackerFile, Built>();

function load(file: TrackerFile): Built {
  const full = path.join(TRACKER_BUILD_DIR, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(/*turbopackIgnore: true*/ full);
  } catch {
    throw new ApiError(503, 'unavailable', `${file} is not built; npm start builds it`);
  }
  const cached = cache.get(file);
  // A development server rebuilds it on start; production files change only with a new build.
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
  const raw = fs.readFileSync(/*turbopackIgnore: true*/ full);
  const built: Built = {
    raw,
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    mtimeMs: stat.mtimeMs,
  };
  cache.set(file, built);
  return built;
}

export function serveTracker(req: Request, file: TrackerFile): Response {
  const built = load(file);
  const headers: Record<string, string> = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
    ETag: built.etag,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  if (req.headers.get('if-none-match') === built.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(built.raw), { headers });
}
