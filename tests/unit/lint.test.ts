import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('lint boundaries', () => {
  // The first lint loads the parser and plugins: seconds on a busy machine, outside any one test's time.
  beforeAll(() => eslint.lintText('', { filePath: 'lib/x.ts' }), 120_000);

  it.each(['app/api/x/route.ts', 'lib/alerts/x.ts', 'components/x/Thing.tsx'])(
    'forbids the Prisma client in %s',
    async (file) => {
      expect(
        await restrictedImports(
          file,
          "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n",
        ),
      ).toHaveLength(1);
      expect(
        await restrictedImports(
          file,
          "import { PrismaClient } from '../../lib/db/generated/sqlite/client';\nexport const x = PrismaClient;\n",
        ),
      ).toHaveLength(1);
    },
  );

  it.each(['lib/alerts/x.ts', 'app/api/x/route.ts', 'lib/jobs/x.ts'])(
    'forbids node:http(s) outside lib/outbound in %s',
    async (file) => {
      for (const mod of ['node:https', 'http', 'undici']) {
        expect(await restrictedImports(file, `import x from '${mod}';\nexport const y = x;\n`)).toEqual([
          expect.stringContaining('lib/outbound'),
        ]);
      }
    },
  );

  it('allows node:https inside lib/outbound', async () => {
    expect(
      await restrictedImports('lib/outbound/y.ts', "import https from 'node:https';\nexport const y = https;\n"),
    ).toEqual([]);
  });

  it('allows the Prisma client inside lib/db', async () => {
    expect(
      await restrictedImports(
        'lib/db/y.ts',
        "import { PrismaPg } from '@prisma/adapter-pg';\nexport const x = PrismaPg;\n",
      ),
    ).toEqual([]);
  });

  it('forbids database code in components but allows shared types', async () => {
    expect(
      await restrictedImports('components/x/A.tsx', "import { getDb } from '@/lib/db';\nexport const x = getDb;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'components/x/A.tsx',
        "import type { HealthReport } from '@/lib/health';\nexport type X = HealthReport;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the server SDK self-contained: node: built-ins and its own files only', async () => {
    for (const source of ["'zod'", "'server-only'", "'@/lib/config'", "'../ingest/schema'", "'@prisma/client'"]) {
      expect(await restrictedImports('lib/sdk/x.ts', `import a from ${source};\nexport const x = a;\n`)).toHaveLength(
        1,
      );
    }
    expect(
      await restrictedImports(
        'lib/sdk/x.ts',
        "import type { Server } from 'node:http';\nimport { LIMITS } from './validate';\nexport const x: [Server?, unknown?] = [undefined, LIMITS];\n",
      ),
    ).toEqual([]);
  });

  it.each(['lib/queries/x.ts', 'lib/rollup/x.ts'])('keeps %s off the write path (lib/ingest)', async (file) => {
    for (const source of ["'../ingest'", "'../ingest/writer'", "'@/lib/ingest/schema'"]) {
      expect(await restrictedImports(file, `import { a } from ${source};\nexport const x = a;\n`)).toHaveLength(1);
    }
    expect(
      await restrictedImports(file, "import { TOTAL_DIMS } from '../rollup';\nexport const x = TOTAL_DIMS;\n"),
    ).toEqual([]);
    // The database rules still hold there.
    expect(
      await restrictedImports(file, "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n"),
    ).toHaveLength(1);
  });

  it('keeps the metric catalogue pure: its own files, zod and lib/zod.ts only', async () => {
    for (const source of ["'../db'", "'../config'", "'server-only'", "'../rollup'", "'node:crypto'"]) {
      expect(
        await restrictedImports('lib/metrics/x.ts', `import a from ${source};\nexport const x = a;\n`),
      ).toHaveLength(1);
    }
    expect(
      await restrictedImports(
        'lib/metrics/x.ts',
        "import { z } from 'zod';\nimport { text } from '../zod';\nimport { RED_METRICS } from './red';\nexport const x = [z, text, RED_METRICS];\n",
      ),
    ).toEqual([]);
  });

  it.each(['app/(dashboard)/x/page.tsx', 'app/share/[token]/page.tsx', 'app/(dashboard)/layout.tsx'])(
    'keeps the database handle out of %s',
    async (file) => {
      for (const source of ["'@/lib/db'", "'@/lib/db/client'", "'../../lib/db'", "'../../../lib/db/client'"]) {
        expect(
          await restrictedImports(file, `import { getDb } from ${source};\nexport const x = getDb;\n`),
        ).toHaveLength(1);
      }
      expect(
        await restrictedImports(
          file,
          "import { loadWebVitals } from '@/lib/queries/views';\nexport const x = loadWebVitals;\n",
        ),
      ).toEqual([]);
      // The Prisma rule still holds there.
      expect(
        await restrictedImports(
          file,
          "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n",
        ),
      ).toHaveLength(1);
    },
  );
});
