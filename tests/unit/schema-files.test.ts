import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, schemaFor } from '@/lib/db/schema-files';

describe('schemaFor', () => {
  const source = fs.readFileSync(SCHEMA_PATH, 'utf8');

  it('uses prisma/schema.prisma as it is for SQLite', () => {
    expect(schemaFor('sqlite', source)).toBe(source);
  });

  it('derives PostgreSQL by changing only the provider, the client output and 64-bit ids', () => {
    const pg = schemaFor('postgresql', source);
    expect(pg).toMatch(/datasource db \{\s*provider = "postgresql"/);
    expect(pg).toContain('output       = "../lib/db/generated/postgresql"');
    const strip = (s: string) =>
      s
        .replace(/^\/\/ Generated.*\n/, '')
        .replace(/"postgresql"/g, '"sqlite"')
        .replace(/generated\/postgresql/g, 'generated/sqlite')
        .replace(/BigInt(\s+@id @default\(autoincrement\(\)\) \/\/ 64-bit)/g, 'Int$1');
    expect(strip(pg)).toBe(source);
  });

  it('refuses a schema it cannot derive from', () => {
    expect(() => schemaFor('postgresql', 'datasource db { provider = "mysql" }')).toThrow(
      /expected a sqlite datasource/,
    );
  });

  it('gives the high-volume tables 64-bit ids on PostgreSQL and leaves other ids alone', () => {
    const pg = schemaFor('postgresql');
    expect(pg).toMatch(/model Point \{\s+id\s+BigInt\s+@id @default\(autoincrement\(\)\)/);
    expect(pg).toMatch(/model Rollup \{\s+id\s+BigInt\s+@id @default\(autoincrement\(\)\)/);
    expect(pg).toMatch(/model Series \{\s+id\s+Int\s+@id/);
    expect(schemaFor('sqlite')).toMatch(/model Point \{\s+id\s+Int\s+@id/);
  });
});
