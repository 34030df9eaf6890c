/**
 * Import fences over the whole import graph (tests/helpers/import-fences.ts). The rules in
 * eslint.config.mjs see one file's own imports; these follow every chain, so a component cannot
 * reach the database through a module that looks harmless.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  diskGraph,
  fence,
  globToRegExp,
  memoryGraph,
  runtimeSpecifiers,
} from '../helpers/import-fences';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Fence = {
  name: string;
  from: string[];
  forbidden: string[];
  /** Modules under a forbidden glob that are pure shared code, each with why it is safe. */
  except?: Record<string, string>;
  serverOnly?: boolean;
  /** Set while known violations remain: the fence is checked to still find them, not enforced. */
  pending?: string;
};

const FENCES: Fence[] = [
  {
    // Components and the hooks they call render in the browser (or beside it): server data reaches
    // them as props from their page, or through a route handler and a TanStack Query hook.
    name: 'client code reaches no server module',
    from: ['components/**', 'lib/hooks/**'],
    forbidden: [
      'lib/db/**',
      'lib/redis/**',
      'lib/config.ts',
      'lib/queries/**',
      'lib/ingest/**',
      'lib/rollup/**',
      'lib/alerts/**',
      'lib/auth/**',
      'lib/selfmon/**',
      'lib/outbound/**',
      'lib/jobs/**',
    ],
    serverOnly: true,
    except: {
      'lib/alerts/statistics.ts':
        "the statistics a rule may take, their labels and units; imports only the catalogue's units",
      'lib/auth/permissions.ts': 'the table of what each role may do; imports nothing',
      'lib/auth/permission-words.ts': 'why a role may not do something, in words; imports only types',
    },
  },
  {
    // Writers go through lib/ingest into lib/rollup; readers go through lib/queries into lib/rollup.
    name: 'readers do not import the writers',
    from: ['lib/queries/**', 'lib/rollup/**'],
    forbidden: ['lib/ingest/**'],
  },
];

describe('import fences', () => {
  const graph = diskGraph(ROOT);
  const check = (f: Fence) =>
    fence(graph, f.from, f.forbidden, { except: Object.keys(f.except ?? {}), serverOnly: f.serverOnly });

  it.each(FENCES)('$name: starts from files that exist', (f) => {
    const starts = graph.files().filter((file) => f.from.some((glob) => globToRegExp(glob).test(file)));
    expect(starts.length).toBeGreaterThan(0);
  });

  it.each(FENCES.filter((f) => !f.pending))('$name', (f) => {
    const found = check(f);
    expect(
      found.map((v) => v.chain.join(' → ')),
      `${f.name}:\n${describeViolations(found)}`,
    ).toEqual([]);
  });

  it.each(FENCES.filter((f) => f.pending))('$name: pending while $pending', (f) => {
    // Once this finds nothing, delete the fence's `pending` line: from then on it is enforced.
    expect(check(f).length).toBeGreaterThan(0);
  });

  it.each(FENCES.flatMap((f) => Object.keys(f.except ?? {}).map((file) => [f.name, file] as const)))(
    '%s: the exception %s exists and reaches nothing forbidden itself',
    (name, file) => {
      const f = FENCES.find((x) => x.name === name)!;
      expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
      const others = Object.keys(f.except ?? {}).filter((x) => x !== file);
      expect(describeViolations(fence(graph, file, f.forbidden, { except: others, serverOnly: f.serverOnly }))).toBe(
        '',
      );
    },
  );
});

describe('the fence checker', () => {
  it('names the whole chain to a forbidden module, the shortest one, and stops there', () => {
    const graph = memoryGraph({
      'components/A.tsx': ['components/B.ts', 'lib/format/long.ts'],
      'components/B.ts': ['lib/format/x.ts'],
      'lib/format/x.ts': ['lib/config.ts'],
      'lib/format/long.ts': ['lib/format/longer.ts'],
      'lib/format/longer.ts': ['lib/format/x.ts'],
      'lib/config.ts': ['lib/db/url.ts'],
    });
    const found = fence(graph, 'components/**', ['lib/config.ts', 'lib/db/**']);
    expect(found.map((v) => v.chain.join(' → '))).toEqual([
      'components/A.tsx → components/B.ts → lib/format/x.ts → lib/config.ts',
      'components/B.ts → lib/format/x.ts → lib/config.ts',
    ]);
    expect(found[0]).toMatchObject({ from: 'components/A.tsx', reached: 'lib/config.ts' });
  });

  it('flags server-only modules, lets exceptions through but looks beyond them', () => {
    const graph = memoryGraph(
      {
        'components/A.tsx': ['lib/rollup/time.ts', 'lib/util.ts'],
        'lib/rollup/time.ts': ['lib/rollup/compact.ts'],
        'lib/util.ts': ['lib/secret.ts'],
      },
      ['lib/secret.ts'],
    );
    const found = fence(graph, 'components/**', ['lib/rollup/**'], {
      except: ['lib/rollup/time.ts'],
      serverOnly: true,
    });
    expect(found.map((v) => v.chain.join(' → '))).toEqual([
      'components/A.tsx → lib/rollup/time.ts → lib/rollup/compact.ts',
      'components/A.tsx → lib/util.ts → lib/secret.ts',
    ]);
    expect(fence(graph, 'components/**', ['lib/db/**'])).toEqual([]);
  });

  it('counts run-time imports only: type-only imports and exports are erased', () => {
    const source = `
      import 'server-only';
      import a from './a';
      import { b, type B } from '@/lib/b';
      import type { C } from './c';
      import { type D, type E } from './d';
      import * as f from '../f';
      export { g } from './g';
      export * from './h';
      export type { I } from './i';
      export { type J } from './j';
      const k = await import('./k');
      const l = require('./l');
      export const x = [a, b, f, k, l];
    `;
    expect(runtimeSpecifiers('components/X.tsx', source)).toEqual([
      'server-only',
      './a',
      '@/lib/b',
      '../f',
      './g',
      './h',
      './k',
      './l',
    ]);
  });

  describe('on files', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-fences-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('resolves @/, relative paths and index files, and finds a planted chain', () => {
      write('components/Planted.tsx', "import { helper } from '@/lib/helper';\nexport const x = helper;\n");
      write('lib/helper/index.ts', "export * from './format';\nexport { later } from '../later.js';\n");
      write('lib/helper/format.ts', "import type { Db } from '../db';\nexport const helper = (d?: Db) => d;\n");
      write('lib/later.ts', "export const later = () => import('./config');\n");
      write('lib/config.ts', "import { url } from './db/url';\nexport const config = url;\n");
      write('lib/db/index.ts', "import 'server-only';\nexport type Db = object;\n");
      write('lib/db/url.ts', 'export const url = 1;\n');
      write('components/Safe.tsx', "import type { Db } from '@/lib/db';\nexport type X = Db;\n");
      const graph = diskGraph(root);
      const found = fence(graph, 'components/**', ['lib/db/**', 'lib/config.ts'], { serverOnly: true });
      expect(found.map((v) => v.chain.join(' → '))).toEqual([
        'components/Planted.tsx → lib/helper/index.ts → lib/later.ts → lib/config.ts',
      ]);
      expect(graph.isServerOnly('lib/db/index.ts')).toBe(true);
      expect(fence(graph, 'lib/config.ts', ['lib/db/**']).map((v) => v.reached)).toEqual(['lib/db/url.ts']);
    });
  });
});
