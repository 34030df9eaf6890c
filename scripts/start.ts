/**
 * npm start / npm run dev
 * Checks the configuration and the database, migrates (SQLite by default; PostgreSQL with
 * MIGRATE_ON_START=true), builds when the sources changed since the last build, then serves.
 * Every expected failure ends with one line naming its cause and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../lib/db/schema-files';
import { describeTarget } from '../lib/db/url';
import { bootstrapFromEnv } from './lib/accounts';
import { BuildFailed, buildIfNeeded, SERVER_BUNDLE, serverEnv, serverNodeArgs } from './lib/build';
import { buildTracker } from './lib/tracker-build';
import { fail, prepare } from './lib/cli';

const dev = process.argv.includes('--dev');

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const { config, applied } = await prepare(dev);
  if (applied.length)
    console.log(`observatory: applied ${applied.length} migration(s) to ${describeTarget(config.database)}`);
  await bootstrapFromEnv(config);

  // Production builds include it; the development server serves it from the same place.
  if (dev) buildTracker();
  else {
    try {
      await buildIfNeeded();
    } catch (err) {
      // next build has printed why.
      if (err instanceof BuildFailed) process.exit(err.status);
      throw err;
    }
  }

  // The server runs in its own process: the migration engine loaded here stays out of it. In
  // production it is the compiled bundle, run by node alone.
  const args = dev
    ? ['--import', 'tsx', path.join(ROOT, 'scripts', 'server.ts'), '--dev']
    : [...serverNodeArgs(config.SERVER_HEAP_MB), SERVER_BUNDLE];
  const env = serverEnv({ ...process.env, NODE_ENV: dev ? 'development' : 'production' });
  const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: ROOT, env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
