/**
 * Every route handler goes through route() and states who may call it. Public routes are an
 * explicit, reviewed list (tests/helpers/public-routes.ts): a new handler that declares
 * auth: 'public' fails here until it is added there with the reason it may be public.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicFiles, ROOT, routeFiles } from '../helpers/app-files';
import { PUBLIC_FILES, PUBLIC_ROUTES } from '../helpers/public-routes';

describe('route handlers', () => {
  const files = routeFiles();

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s exports only route()-wrapped handlers with a stated auth', (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const handlers = [
      ...source.matchAll(
        /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b([^;]*)/g,
      ),
    ];
    expect(handlers.length).toBeGreaterThan(0);
    for (const [, method, rest] of handlers) {
      expect(rest, `${file} ${method}`).toMatch(/^\s*=\s*route\(\s*\{\s*auth:\s*'[\w-]+'/);
    }
  });

  it.each(files)('%s is public only if listed', (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    if (/auth:\s*'public'/.test(source)) expect(Object.keys(PUBLIC_ROUTES)).toContain(file);
  });

  it('lists only public routes that exist and declare it', () => {
    for (const file of Object.keys(PUBLIC_ROUTES)) {
      expect(files).toContain(file);
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(/auth:\s*'public'/);
    }
  });
});

describe('public/', () => {
  // Next.js serves every file there to anyone, before any route or page sees the request.
  it('holds only files on the reviewed public list, and the list only files it holds', () => {
    expect(publicFiles().sort()).toEqual(Object.keys(PUBLIC_FILES).sort());
  });
});
