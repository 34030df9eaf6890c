import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, preflight } from '@/lib/db/preflight';
import { parseDatabaseUrl } from '@/lib/db/url';
import { closedPort } from '../helpers/net';
import { freshSqlite } from '../helpers/services';

describe('preflight', () => {
  it('creates the data directory and file for SQLite', async () => {
    const db = freshSqlite();
    const nested = parseDatabaseUrl(db.url.replace('test.db', 'a/b/c/observatory.db'));
    await preflight(nested);
    await db.drop();
  });

  it.each([
    [
      'a path under a regular file',
      'file:/etc/hostname/observatory.db',
      /cannot create the data directory \/etc\/hostname \(ENOTDIR/,
    ],
    [
      'a read-only file system',
      'file:/sys/observatory.db',
      /cannot write the SQLite file \/sys\/observatory\.db .*check that \/sys is writable/,
    ],
    [
      'a directory that cannot be made',
      'file:/proc/observatory/x.db',
      /cannot create the data directory \/proc\/observatory/,
    ],
  ])('names the cause for %s', async (_what, url, message) => {
    await expect(preflight(parseDatabaseUrl(url))).rejects.toThrow(DatabaseUnavailableError);
    await expect(preflight(parseDatabaseUrl(url))).rejects.toThrow(message);
  });

  it('names an unreachable PostgreSQL without its password', async () => {
    const port = await closedPort();
    const err = await preflight(parseDatabaseUrl(`postgresql://obs:topsecret@127.0.0.1:${port}/obs`)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${port}/obs (connection refused: is PostgreSQL running?)`,
    );
  });

  it('gives up on a server that never answers within the timeout', async () => {
    // Accepts TCP connections and says nothing, like a firewall black hole.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      // Without the timeout this would hang until the test itself times out.
      await expect(
        preflight(parseDatabaseUrl(`postgresql://u@127.0.0.1:${port}/db`), { timeoutMs: 500 }),
      ).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1/);
    } finally {
      silent.close();
    }
  });
});
