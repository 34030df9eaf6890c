/**
 * The production build's server chunks, as the server's memory depends on them (lib/chars.ts):
 * Turbopack emits the code most routes share once per group of routes, and V8 keeps the source
 * of every chunk the server loads. A chunk emitted more than once must stay in Latin-1, which
 * V8 keeps at one byte per character; one character beyond it doubles every copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, ensureBuild } from '../helpers/app-server';

const CHUNKS = path.resolve(import.meta.dirname, '../../.next/server/chunks');

/** A chunk's code without its source-map comment, the one line that differs between copies. */
const code = (file: string) =>
  fs.readFileSync(path.join(CHUNKS, file), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');

describe('server chunks', () => {
  const copies = new Map<string, string[]>();

  beforeAll(async () => {
    await ensureBuild();
    for (const file of fs.readdirSync(CHUNKS).filter((f) => f.endsWith('.js'))) {
      const text = code(file);
      copies.set(text, [...(copies.get(text) ?? []), file]);
    }
  }, BUILD_TIMEOUT_MS);

  it('a chunk emitted more than once holds Latin-1 only', () => {
    const repeated = [...copies].filter(([, files]) => files.length > 1);
    // The shared server code is emitted several times (the reason for this test); if Turbopack
    // stops doing that, this test has nothing left to guard and can go.
    expect(repeated.length).toBeGreaterThan(0);
    const offending = repeated.flatMap(([text, files]) => {
      const chars = [...new Set([...text].filter((c) => c.charCodeAt(0) > 0xff))];
      if (!chars.length) return [];
      const at = text.indexOf(chars[0]!);
      return [`${files[0]} (${files.length} copies): ${chars.join(' ')} in …${text.slice(at - 60, at + 20)}…`];
    });
    expect(offending, 'use lib/chars.ts for characters beyond Latin-1 in server code').toEqual([]);
  });
});
