// ESLint flat config. `next lint` no longer exists in Next.js 16: run `npm run lint`.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The Prisma client and drivers belong to the database layer only.
const prismaImports = {
  patterns: [
    {
      group: ['@prisma/*', '**/db/generated/**', 'better-sqlite3', 'pg', 'ioredis'],
      message: 'Database clients live in lib/db (and lib/redis); import their public face instead.',
    },
  ],
};

// Client components and UI code never touch server-side data code.
const serverOnlyImports = {
  patterns: [
    {
      group: [
        '@/lib/db',
        '@/lib/db/*',
        '@/lib/redis',
        '@/lib/redis/*',
        '@/lib/queries/*',
        '@/lib/ingest/*',
        '@/lib/rollup',
        '@/lib/rollup/*',
        '@/lib/health',
      ],
      message: 'Components read data through route handlers and TanStack Query hooks, never from the database layer.',
      // Response types are shared across the boundary; code is not.
      allowTypeImports: true,
    },
  ],
};

// Pages and layouts read through server functions (lib/queries/views.ts and the capabilities'
// index.ts), which hold the database handle; a page never does.
const pageDbImports = {
  group: ['@/lib/db', '@/lib/db/*', '**/lib/db', '**/lib/db/*'],
  message: 'Pages and layouts read through lib/queries (e.g. lib/queries/views.ts) or a capability, never lib/db.',
};

// The stored model (lib/rollup) and its readers (lib/queries) never reach into the write path.
const ingestImports = {
  group: ['**/ingest', '**/ingest/**', '@/lib/ingest', '@/lib/ingest/*'],
  message:
    'lib/rollup and lib/queries read the stored model; the write path (lib/ingest) writes through it, not the other way.',
};

// The metric catalogue is pure data and arithmetic, safe in the browser.
const catalogueImports = {
  patterns: [
    {
      regex: '^(?!\\.\\/|\\.\\.\\/zod$|zod$)',
      message: 'lib/metrics is pure: import only its own files, zod and lib/zod.ts.',
    },
  ],
};

// Requests to the outside world go through lib/outbound (address checks, DNS pinning, timeouts).
const outboundImports = {
  paths: ['http', 'https', 'node:http', 'node:https', 'undici', 'axios', 'got', 'node-fetch'].map((name) => ({
    name,
    message: 'Outbound HTTP goes through lib/outbound (address checks, DNS pinning, retries, timings).',
    allowTypeImports: true,
  })),
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'lib/db/generated/**',
      'tmp/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', prismaImports],
    },
  },
  {
    // The layers allowed to hold database and cache clients.
    files: ['lib/db/**', 'lib/redis/**', 'scripts/**', 'tests/**', 'bench/**', 'prisma.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The server SDK is copied into services or published on its own: Node's built-ins and its own files only.
    files: ['lib/sdk/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|\\./)',
              message: 'lib/sdk is self-contained: import only node: built-ins and files beside it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/rollup/**', 'lib/queries/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...prismaImports.patterns, ingestImports] }],
    },
  },
  {
    files: ['app/**/page.tsx', 'app/**/layout.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...prismaImports.patterns, pageDbImports] }],
    },
  },
  {
    files: ['lib/metrics/**'],
    rules: { 'no-restricted-imports': ['error', catalogueImports] },
  },
  {
    files: ['lib/**', 'app/**'],
    // lib/sdk runs inside the services Observatory watches, not in Observatory.
    ignores: ['lib/outbound/**', 'lib/sdk/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', outboundImports] },
  },
  {
    files: ['components/**', 'lib/hooks/**'],
    rules: {
      'no-restricted-imports': ['error', prismaImports],
      '@typescript-eslint/no-restricted-imports': ['error', serverOnlyImports],
    },
  },
];

export default config;
