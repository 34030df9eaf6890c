import { preflight } from './preflight';
import { openSchemaEngine, type MigrationStatus } from './schema-engine';
import { describeTarget, type DbTarget } from './url';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

/** Checks the database, then applies every committed migration not applied yet; returns their names. */
export async function migrate(target: DbTarget): Promise<string[]> {
  await preflight(target);
  const engine = await openSchemaEngine(target);
  try {
    // Only reads when nothing is pending: a CLI call beside a running server (which writes every
    // few seconds, if only its own metrics) must not wait on SQLite's write lock for nothing.
    const status = await engine.status();
    if (status.pending.length === 0 && status.failed.length === 0) return [];
    return await engine.apply();
  } catch (err) {
    throw new MigrationError(`migrating ${describeTarget(target)} failed: ${firstLine(err)}`);
  } finally {
    await engine.close();
  }
}

/** How the database's schema compares with the committed migrations, without changing anything. */
export async function migrationStatus(target: DbTarget): Promise<MigrationStatus> {
  await preflight(target);
  const engine = await openSchemaEngine(target);
  try {
    return await engine.status();
  } finally {
    await engine.close();
  }
}

/**
 * Makes sure the schema is current before anything uses the database: applies pending
 * migrations when `apply` is set (the SQLite default), and otherwise refuses a database that is
 * behind with a message saying what to run. Returns the migrations it applied.
 */
export async function ensureSchema(target: DbTarget, apply: boolean): Promise<string[]> {
  if (apply) return migrate(target);
  const where = describeTarget(target);
  const status = await migrationStatus(target);
  if (status.failed.length) {
    throw new MigrationError(
      `migration ${status.failed[0]} failed earlier on ${where}; resolve it, then run npm run db:migrate`,
    );
  }
  if (status.pending.length) {
    throw new MigrationError(
      `${where} is ${status.pending.length} migration(s) behind; run npm run db:migrate (or set MIGRATE_ON_START=true)`,
    );
  }
  return [];
}
