/**
 * Serves the built tracker (scripts/lib/tracker-build.ts writes it beside the server bundle).
 * Other sites load it cross-origin, so the answer is plain public JavaScript: a cache lifetime
 * (the URL is not versioned: an hour, then revalidated by ETag), readable by any origin (CORS,
 * CORP), no cookies. Compressed once per process, brotli or gzip as the browser accepts.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ApiError } from '../http/errors';

export const TRACKER_FILES = ['tracker.js', 'tracker.attribution.js'] as const;
export type TrackerFile = (typeof TRACKER_FILES)[number];

type Built = { raw: Buffer; br: Buffer; gzip: Buffer; etag: string; mtimeMs: number };

const cache = new Map<TrackerFile, Built>();

function load(file: TrackerFile): Built {
  // The server runs from the project's root (scripts/start.ts); the build puts the files here.
  const full = path.join(process.cwd(), '.next', 'observatory', 'tracker', file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new ApiError(503, 'unavailable', `${file} is not built; npm start builds it`);
  }
  const cached = cache.get(file);
  // A development server rebuilds it on start; production files change only with a new build.
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
  const raw = fs.readFileSync(full);
  const built: Built = {
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
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
    // no-transform: already compressed here (brotli, which Next.js's own gzip would replace).
    'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400, no-transform',
    ETag: built.etag,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  if (req.headers.get('if-none-match') === built.etag) return new Response(null, { status: 304, headers });
  const accepts = req.headers.get('accept-encoding') ?? '';
  const [body, encoding] = /\bbr\b/.test(accepts)
    ? [built.br, 'br']
    : /\bgzip\b/.test(accepts)
      ? [built.gzip, 'gzip']
      : [built.raw, null];
  if (encoding) headers['Content-Encoding'] = encoding;
  return new Response(new Uint8Array(body), { headers });
}
