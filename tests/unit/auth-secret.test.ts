import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthSecretError, resolveAuthSecret } from '@/lib/auth/secret';
import { parseDatabaseUrl } from '@/lib/db/url';

describe('resolveAuthSecret', () => {
  it('uses AUTH_SECRET when set, and refuses a short one', () => {
    const sqlite = parseDatabaseUrl('file:/nonexistent/o.db');
    expect(resolveAuthSecret('s'.repeat(32), sqlite)).toBe('s'.repeat(32));
    expect(() => resolveAuthSecret('short', sqlite)).toThrow(AuthSecretError);
  });

  it('requires AUTH_SECRET with PostgreSQL, where instances must share it', () => {
    expect(() => resolveAuthSecret(undefined, parseDatabaseUrl('postgresql://u@h/db'))).toThrow(
      /AUTH_SECRET is required with PostgreSQL/,
    );
  });

  it('generates one beside the SQLite file, private to its owner, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-secret-'));
    try {
      const target = parseDatabaseUrl(`file:${path.join(dir, 'o.db')}`);
      const first = resolveAuthSecret(undefined, target);
      expect(first.length).toBeGreaterThanOrEqual(48);
      expect(fs.statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
      expect(resolveAuthSecret(undefined, target)).toBe(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
