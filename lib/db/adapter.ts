import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type { DbTarget } from './url';

export type AdapterOptions = {
  /** Maximum PostgreSQL pool size (ignored on SQLite). */
  poolSize?: number;
  /** How long a PostgreSQL connection attempt may take. */
  connectTimeoutMs?: number;
};

type PgTarget = Extract<DbTarget, { provider: 'postgresql' }>;

/**
 * The pg pool settings for a target. The URL is parsed into fields rather than passed as
 * `connectionString`, because pg lets a connection string override every other field, which
 * would stop the migration engine's shadow database from selecting its own `database`.
 * Prisma's `?schema=` becomes the session's search_path, so raw SQL sees the same tables.
 */
export function pgPoolConfig(target: PgTarget, options: AdapterOptions = {}): PoolConfig {
  const u = new URL(target.url);
  u.searchParams.delete('schema');
  const config = parseIntoClientConfig(u.toString());
  const searchPath = target.schema ? `-c search_path="${target.schema}"` : undefined;
  return {
    ...config,
    options: [config.options, searchPath].filter(Boolean).join(' ') || undefined,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  };
}

/** The Prisma driver adapter for a database target. */
export function createAdapterFactory(
  target: DbTarget,
  options: AdapterOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    return new PrismaBetterSqlite3({ url: target.file, timeout: 5_000 });
  }
  return new PrismaPg(pgPoolConfig(target, options), target.schema ? { schema: target.schema } : undefined);
}
