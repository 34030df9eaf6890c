import path from 'node:path';

/** The databases Observatory can run on. Names match Prisma's `provider`. */
export type DbProvider = 'sqlite' | 'postgresql';

export type DbTarget =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string; schema: string | undefined };

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Parses DATABASE_URL into what the drivers need. Accepts `file:<path>` (SQLite,
 * relative paths resolve against `cwd`) and `postgres://` / `postgresql://`.
 * Errors never echo the URL itself: it may carry a password.
 */
export function parseDatabaseUrl(raw: string, cwd: string = process.cwd()): DbTarget {
  const url = raw.trim();
  if (url === '') throw new DatabaseUrlError('DATABASE_URL is empty');

  if (url.startsWith('file:')) {
    let file = url.slice('file:'.length);
    if (file.startsWith('//')) file = file.slice(2); // file:///abs/path
    const query = file.indexOf('?');
    if (query !== -1) file = file.slice(0, query);
    if (file === '' || file.endsWith('/')) {
      throw new DatabaseUrlError('DATABASE_URL must name a SQLite file, e.g. file:./data/observatory.db');
    }
    if (file.includes('\0')) throw new DatabaseUrlError('DATABASE_URL contains a NUL byte');
    if (file === ':memory:') return { provider: 'sqlite', url, file };
    return { provider: 'sqlite', url, file: path.resolve(cwd, file) };
  }

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(
        'DATABASE_URL is not a valid PostgreSQL URL (postgresql://user:password@host:5432/database)',
      );
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) {
      throw new DatabaseUrlError(
        'DATABASE_URL names no PostgreSQL host (postgresql://user:password@host:5432/database)',
      );
    }
    if (parsed.pathname.length <= 1) {
      throw new DatabaseUrlError(
        'DATABASE_URL names no PostgreSQL database (postgresql://user:password@host:5432/database)',
      );
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new DatabaseUrlError('DATABASE_URL has an invalid ?schema= (letters, digits and _ only)');
    }
    return { provider: 'postgresql', url, schema };
  }

  throw new DatabaseUrlError(
    scheme
      ? `DATABASE_URL uses the unsupported scheme "${scheme}:"; use file:<path> (SQLite) or postgresql://`
      : 'DATABASE_URL is not a URL; use file:<path> (SQLite) or postgresql://user:password@host:5432/database',
  );
}

/** The URL's host part for messages, without credentials. */
export function describeTarget(target: DbTarget): string {
  if (target.provider === 'sqlite') return `SQLite file ${target.file}`;
  try {
    const u = new URL(target.url);
    return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * The same database without a ?schema=: the migration engine's shadow-database diff works on
 * PostgreSQL's default schema, and a target schema would leak into the SQL it writes.
 */
export function withoutSchema(target: DbTarget): DbTarget {
  if (target.provider !== 'postgresql' || !target.schema) return target;
  const u = new URL(target.url);
  u.searchParams.delete('schema');
  return { provider: 'postgresql', url: u.toString(), schema: undefined };
}
