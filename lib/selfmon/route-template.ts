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
  const taken = new Array<boolean>(segments.length).fill(false);
  for (const name of names) {
    const value = params[name]!;
    const run = Array.isArray(value) ? value : [value];
    if (run.length === 0) continue;
    // Params come last in most routes: search from the end.
    let found = -1;
    for (let i = segments.length - run.length; i >= 1 && found < 0; i--) {
      if (run.every((v, k) => !taken[i + k] && values[i + k] === v)) found = i;
    }
    if (found < 0) return templateRoute(pathname);
    segments.splice(found, run.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    values.splice(found, run.length, '');
    taken.splice(found, run.length, true);
  }
  return segments.join('/');
}
