import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, schemaFor } from '@/lib/db/schema-files';

describe('schemaFor', () => {
  const source = fs.readFileSync(SCHEMA_PATH, 'utf8');

  it('uses prisma/schema.prisma as it is for SQLite', () => {
    expect(schemaFor('sqlite', source)).toBe(source);
  });

  it('derives PostgreSQL by changing only the provider and the client output', () => {
    const pg = schemaFor('postgresql', source);
    expect(pg).toMatch(/datasource db \{\s*provider = "postgresql"/);
    expect(pg).toContain('output       = "../lib/db/generated/postgresql"');
    const strip = (s: string) =>
      s
        .replace(/^\/\/ Generated.*\n/, '')
        .replace(/"postgresql"/g, '"sqlite"')
        .replace(/generated\/postgresql/g, 'generated/sqlite');
    expect(strip(pg)).toBe(source);
  });

  it('refuses a schema it cannot derive from', () => {
    expect(() => schemaFor('postgresql', 'datasource db { provider = "mysql" }')).toThrow(
      /expected a sqlite datasource/,
    );
  });
});
