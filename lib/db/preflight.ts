/**
 * Checks that a database can be used before anything starts on it, and turns the
 * drivers' errors into one line that names the cause (never the password).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pgPoolConfig } from './adapter';
import { describeTarget, type DbTarget } from './url';

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function reason(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * mkdir -p one level at a time: Node's recursive mkdir spins forever on paths such as
 * /proc/x, where mkdir answers ENOENT although the parent exists.
 */
function ensureDir(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory())
      throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
    return;
  }
  const parent = path.dirname(dir);
  if (parent !== dir) ensureDir(parent);
  fs.mkdirSync(dir);
}

/** Creates the SQLite file's directory and file if needed, and proves they are writable. */
function prepareSqlite(file: string): void {
  if (file === ':memory:') return;
  const dir = path.dirname(file);
  try {
    ensureDir(dir);
  } catch (err) {
    throw new DatabaseUnavailableError(`cannot create the data directory ${dir} (${reason(err)})`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 5_000 });
    // WAL lets readers (dashboards) run while the writer commits; the mode is stored in the file.
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS "_observatory_probe" (x INTEGER); DROP TABLE "_observatory_probe";');
  } catch (err) {
    throw new DatabaseUnavailableError(
      `cannot write the SQLite file ${file} (${reason(err)}); check that ${dir} is writable`,
    );
  } finally {
    db?.close();
  }
}

const PG_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is PostgreSQL running?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up',
};

async function checkPostgres(target: Extract<DbTarget, { provider: 'postgresql' }>, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ ...pgPoolConfig(target, { connectTimeoutMs: timeoutMs }), query_timeout: timeoutMs });
  client.on('error', () => {}); // reported through connect/query below
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const code = errorCode(err);
    const why = (code && PG_REASONS[code]) ?? reason(err);
    throw new DatabaseUnavailableError(`cannot reach ${describeTarget(target)} (${why})`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Throws DatabaseUnavailableError with a one-line cause when the database cannot be used. */
export async function preflight(target: DbTarget, { timeoutMs = 5_000 } = {}): Promise<void> {
  if (target.provider === 'sqlite') prepareSqlite(target.file);
  else await checkPostgres(target, timeoutMs);
}
