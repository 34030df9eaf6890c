import type { NextConfig } from 'next';

// The production server never reads this file: scripts/server.ts hands Next.js the config the
// build resolved from it (scripts/lib/next-config.ts), since reading a .ts config at start loads
// the SWC compiler for the life of the process.
const config: NextConfig = {
  // Native and WASM database drivers stay outside the server bundle; so does Sentry's SDK,
  // loaded from node_modules only when SENTRY_DSN is set (lib/sentry/init.ts).
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    'ioredis',
    '@sentry/nextjs',
    // Large libraries most routes reach through lib/: bundled, each route handler's bundle
    // carried its own copy (Turbopack emits the shared server code once per route), and every
    // route the server loads kept its copy's source in memory. Loaded from node_modules, they
    // are loaded once.
    'nodemailer',
    '@datadog/sketches-js',
    'jose',
    'better-auth',
    '@better-auth/prisma-adapter',
  ],
  poweredByHeader: false,
  // The stylesheet (Tailwind: about 7 KB gzipped, the same for every page) goes inside each
  // page's <head> instead of a render-blocking request. That request used to wait behind the
  // page's own server work on the same process, and the first paint waited for it
  // (bench/dashboard-speed.ts).
  experimental: { inlineCss: true },
  // The start script decides about builds and migrations; type errors fail `npm run typecheck`.
  typescript: { ignoreBuildErrors: false },
};

export default config;
