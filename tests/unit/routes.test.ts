/**
 * Every route handler goes through route() and states who may call it. Public routes are an
 * explicit, reviewed list: a new handler that declares auth: 'public' fails here until it is
 * added below with the reason it may be public.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

const PUBLIC_ROUTES: Record<string, string> = {
  // Load balancers and uptime checks call it without credentials; it reveals no data.
  'app/api/health/route.ts': 'health check',
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [path.relative(ROOT, full)] : [];
  });
}

describe('route handlers', () => {
  const files = routeFiles(path.join(ROOT, 'app'));

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s exports only route()-wrapped handlers with a stated auth', (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const handlers = [
      ...source.matchAll(
        /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b(.*)/g,
      ),
    ];
    expect(handlers.length).toBeGreaterThan(0);
    for (const [, method, rest] of handlers) {
      expect(rest, `${file} ${method}`).toMatch(/^\s*=\s*route\(\s*\{\s*auth:\s*'\w+'/);
    }
  });

  it.each(files)('%s is public only if listed', (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    if (/auth:\s*'public'/.test(source)) expect(Object.keys(PUBLIC_ROUTES)).toContain(file);
  });
});
