/** The app's route handlers and pages, found on disk, with the URL each answers. */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

function walk(dir: string, name: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, name);
    return name.test(entry.name) ? [path.relative(ROOT, full)] : [];
  });
}

export const routeFiles = () => walk(path.join(ROOT, 'app'), /^route\.(ts|tsx|js)$/);
export const pageFiles = () => walk(path.join(ROOT, 'app'), /^page\.(ts|tsx|js)$/);
/** Every file under public/, dotfiles and .well-known included. */
export const publicFiles = () => walk(path.join(ROOT, 'public'), /./);

/** The URL of a route or page file: groups dropped, each [param] filled with `fill`. */
export function urlOf(file: string, fill = 'probe'): string {
  const segments = path
    .dirname(path.relative(path.join(ROOT, 'app'), path.join(ROOT, file)))
    .split(path.sep)
    .filter((s) => s !== '.' && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? fill : s));
  return `/${segments.join('/')}`;
}

/** The HTTP methods a route file exports. */
export function methodsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
    (m) => m[1]!,
  );
}
