/**
 * npm run db:migrate:create -- <name>
 * Writes a migration for every provider from the difference between its committed
 * history and prisma/schema.prisma. SQLite replays the history in memory; PostgreSQL
 * needs a server for a temporary shadow database (TEST_DATABASE_URL, or DATABASE_URL
 * when that is PostgreSQL).
 */
import { openSchemaEngine, writeMigration } from '../../lib/db/schema-engine';
import { PROVIDERS } from '../../lib/db/schema-files';
import { parseDatabaseUrl, withoutSchema, type DbTarget } from '../../lib/db/url';
import { loadEnv, fail } from '../lib/cli';

loadEnv();
const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  fail('usage: npm run db:migrate:create -- <name>  (lowercase letters, digits and _)');
}

function targetFor(provider: (typeof PROVIDERS)[number]): DbTarget {
  if (provider === 'sqlite') return parseDatabaseUrl('file::memory:');
  const candidates = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].filter(Boolean) as string[];
  const url = candidates.find((u) => /^postgres(ql)?:/.test(u));
  if (!url) fail('set TEST_DATABASE_URL to a PostgreSQL server: its shadow database replays the PostgreSQL history');
  // The shadow database's diff works on the default schema; a ?schema= would leak into the SQL.
  return withoutSchema(parseDatabaseUrl(url));
}

const now = new Date();
for (const provider of PROVIDERS) {
  const engine = await openSchemaEngine(targetFor(provider));
  try {
    const sql = await engine.drift();
    const dir = writeMigration(provider, name, sql, now);
    console.log(dir ? `${provider}: wrote ${dir}` : `${provider}: schema and migrations agree, nothing written`);
  } finally {
    await engine.close();
  }
}
