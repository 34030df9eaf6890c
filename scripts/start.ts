/**
 * npm start / npm run dev
 * Checks the configuration and the database, migrates (SQLite by default; PostgreSQL with
 * MIGRATE_ON_START=true), builds when the sources changed since the last build, then serves.
 * Every expected failure ends with one line naming its cause and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/db/schema-files';
import { describeTarget } from '../lib/db/url';
import { bootstrapFromEnv } from './lib/accounts';
import { fail, prepare, run } from './lib/cli';

const dev = process.argv.includes('--dev');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const BUILD_STAMP = path.join(ROOT, '.next', 'observatory-sources.sha256');
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];

/** A hash of everything a production build depends on, to rebuild only when it changed. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(abs).sort()) visit(path.join(rel, entry));
    } else {
      hash.update(rel).update('\0').update(fs.readFileSync(abs)).update('\0');
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest('hex');
}

function buildIfNeeded(): void {
  const current = sourcesHash();
  const built = fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && fs.existsSync(BUILD_STAMP);
  if (built && fs.readFileSync(BUILD_STAMP, 'utf8') === current) return;
  console.log(
    built ? 'observatory: sources changed since the last build; building…' : 'observatory: no build yet; building…',
  );
  run(process.execPath, [NEXT_BIN, 'build'], { env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(BUILD_STAMP, current);
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const { config, applied } = await prepare(dev);
  if (applied.length)
    console.log(`observatory: applied ${applied.length} migration(s) to ${describeTarget(config.database)}`);
  await bootstrapFromEnv(config);

  if (!dev) buildIfNeeded();

  // The server runs in its own process: the migration engine loaded here stays out of it.
  const args = ['--import', 'tsx', path.join(ROOT, 'scripts', 'server.ts'), ...(dev ? ['--dev'] : [])];
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: dev ? 'development' : 'production' };
  const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: ROOT, env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
