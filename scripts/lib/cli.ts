/** Small helpers shared by the command-line scripts. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import nextEnv from '@next/env';
import { ConfigError, parseConfig, type Config } from '../../lib/config';
import { ensureSchema } from '../../lib/db/migrate';
import { ROOT } from '../../lib/db/schema-files';

/** Loads .env files with Next.js's own rules, so scripts and the server see the same values. */
export function loadEnv(dev = process.env.NODE_ENV !== 'production'): void {
  nextEnv.loadEnvConfig(ROOT, dev, { info: () => {}, error: (...a: unknown[]) => console.error(...a) });
}

/** Prints one line naming the problem and exits non-zero: no stack trace for expected failures. */
export function fail(message: string, code = 1): never {
  console.error(`observatory: ${message}`);
  process.exit(code);
}

/** Runs a command with inherited output; exits with its code if it fails. */
export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): void {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (res.error) fail(`could not run ${cmd}: ${res.error.message}`);
  if (res.status !== 0) process.exit(res.status ?? 1);
}

/** Runs a command quietly; prints its output only if it fails, then exits with its code. */
export function runQuiet(cmd: string, args: string[], options: SpawnSyncOptions = {}): void {
  const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...options, stdio: 'pipe' });
  if (res.error) fail(`could not run ${cmd}: ${res.error.message}`);
  if (res.status !== 0) {
    process.stderr.write(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    process.exit(res.status ?? 1);
  }
}

/** Prisma's CLI wants a native schema engine it never uses for `generate`; point it at any file. */
export function prismaEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY:
      process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (fs.existsSync('/bin/true') ? '/bin/true' : process.execPath),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

/**
 * What every command that uses the database does first: load .env, parse the configuration and
 * bring the schema up to date (or refuse a PostgreSQL database that is behind). Expected
 * failures end the process with one line. Returns the configuration and the migrations applied.
 */
export async function prepare(dev: boolean): Promise<{ config: Config; applied: string[] }> {
  loadEnv(dev);
  let config: Config;
  try {
    config = parseConfig(process.env, ROOT);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  try {
    return { config, applied: await ensureSchema(config.database, config.migrateOnStart) };
  } catch (err) {
    return fail(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}
