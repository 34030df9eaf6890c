/**
 * The app route a request matched (`/api/v1/projects/[id]/keys/[keyId]`), from its path and the
 * params Next.js resolved: each param's segment becomes `[name]` (`[...name]` for catch-alls).
 * The result has one value per route file, so self-monitoring's series stay as few as the
 * routes. A path the params do not explain falls back to ingestion's templating.
 */
import { templateRoute } from '../ingest/route-template';

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function appRouteTemplate(pathname: string, params: Record<string, string | string[]>): string {
  const names = Object.keys(params);
  if (names.length === 0) return templateRoute(pathname);
  const segments = pathname.split('/');
  const values = segments.map(decoded);
  // Params come in path order: take them innermost first, each to the left of the one after it,
  // searching from the right (a static segment earlier in the path may equal a param's value).
  let end = segments.length;
  for (const name of names.reverse()) {
    const value = params[name]!;
    const run = Array.isArray(value) ? value : [value];
    if (run.length === 0) continue;
    let found = -1;
    for (let i = end - run.length; i >= 1 && found < 0; i--) {
      if (run.every((v, k) => values[i + k] === v)) found = i;
    }
    if (found < 0) return templateRoute(pathname);
    segments.splice(found, run.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    end = found;
  }
  return segments.join('/');
}
