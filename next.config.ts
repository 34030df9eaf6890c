import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native and WASM database drivers stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'ioredis'],
  poweredByHeader: false,
  // The start script decides about builds and migrations; type errors fail `npm run typecheck`.
  typescript: { ignoreBuildErrors: false },
};

export default config;
