import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, describeTarget, parseDatabaseUrl } from '@/lib/db/url';

describe('parseDatabaseUrl', () => {
  it.each([
    ['file:./data/obs.db', '/app/data/obs.db'],
    ['file:data/obs.db', '/app/data/obs.db'],
    ['file:/var/lib/obs.db', '/var/lib/obs.db'],
    ['file:///var/lib/obs.db', '/var/lib/obs.db'],
    ['file:./obs.db?connection_limit=1', '/app/obs.db'],
    ['  file:./obs.db  ', '/app/obs.db'],
  ])('reads %s as the SQLite file %s', (url, file) => {
    const target = parseDatabaseUrl(url, '/app');
    expect(target.provider).toBe('sqlite');
    expect(target.provider === 'sqlite' && target.file).toBe(file);
  });

  it('keeps :memory: as an in-memory database', () => {
    expect(parseDatabaseUrl('file::memory:', '/app')).toMatchObject({ file: ':memory:' });
  });

  it.each(['postgres://u:p@h:5432/db', 'postgresql://u@h/db', 'POSTGRESQL://u@h/db'])('accepts %s', (url) => {
    expect(parseDatabaseUrl(url).provider).toBe('postgresql');
  });

  it('reads the ?schema= parameter', () => {
    expect(parseDatabaseUrl('postgresql://u@h/db?schema=tenant_1')).toMatchObject({ schema: 'tenant_1' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toMatchObject({ schema: undefined });
  });

  it.each([
    ['', /empty/],
    ['file:', /must name a SQLite file/],
    ['file:./data/', /must name a SQLite file/],
    ['file:./a\0b.db', /NUL/],
    ['mysql://h/db', /unsupported scheme "mysql:"/],
    ['sqlite:./x.db', /unsupported scheme "sqlite:"/],
    ['./data/obs.db', /not a URL/],
    ['postgresql://h', /no PostgreSQL database/],
    ['postgresql:///db', /no PostgreSQL host/],
    ['postgresql://u@h/db?schema=a;DROP TABLE x', /invalid \?schema=/],
    ['postgresql://u@h/db?schema=' + 'a'.repeat(100), /invalid \?schema=/],
    ['postgresql://[::1/db', /not a valid PostgreSQL URL/],
  ])('rejects %j', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });

  it('describes targets without credentials', () => {
    const target = parseDatabaseUrl('postgresql://admin:s3cret@db.example:6543/obs');
    expect(describeTarget(target)).toBe('PostgreSQL at db.example:6543/obs');
    expect(describeTarget(parseDatabaseUrl('file:/x/y.db'))).toBe('SQLite file /x/y.db');
  });
});
