import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbProvider } from './url';

/** The repository root (this file lives in lib/db). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma');
export const PROVIDERS: readonly DbProvider[] = ['sqlite', 'postgresql'];

export function migrationsDir(provider: DbProvider): string {
  return path.join(ROOT, 'prisma', 'migrations', provider);
}

/**
 * The schema text for a provider. prisma/schema.prisma is written for SQLite; the
 * PostgreSQL variant differs only in its datasource provider and client output folder.
 */
export function schemaFor(provider: DbProvider, source: string = fs.readFileSync(SCHEMA_PATH, 'utf8')): string {
  if (provider === 'sqlite') return source;
  const datasource = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"([^"]*)\/sqlite"/;
  if (!datasource.test(source) || !output.test(source)) {
    throw new Error(`${SCHEMA_PATH}: expected a sqlite datasource "db" and a client output ending in /sqlite`);
  }
  const header = '// Generated from schema.prisma by `npm run db:generate`: do not edit.\n';
  return (
    header +
    source
      .replace(datasource, '$1"postgresql"')
      .replace(output, '$1"$2/postgresql"')
      // High-volume tables: SQLite's INTEGER rowid is already 64-bit; PostgreSQL needs BIGSERIAL.
      .replace(/^(\s+\w+\s+)Int(\s+@id\s+@default\(autoincrement\(\)\)\s*\/\/ 64-bit)/gm, '$1BigInt$2')
  );
}

/**
 * Where each provider's schema file is. The PostgreSQL one is derived (not committed) and sits
 * beside the source so that the relative client output path means the same in both.
 */
export function schemaPathFor(provider: DbProvider): string {
  return provider === 'sqlite' ? SCHEMA_PATH : path.join(ROOT, 'prisma', 'schema.postgresql.prisma');
}
