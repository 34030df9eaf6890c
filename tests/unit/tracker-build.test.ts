/**
 * The browser tracker as sites receive it: built with esbuild as the start command builds it,
 * within its size budget (brotli, as /tracker.js serves it), and touching nothing a tracker on
 * someone else's site must not: cookies, storage, the console.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTracker } from '@/scripts/lib/tracker-build';

const KB = 1024;
let dir: string;
let files: ReturnType<typeof buildTracker>;

const brotli = (file: string) =>
  brotliCompressSync(fs.readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-tracker-'));
  files = buildTracker(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tracker build', () => {
  it('keeps the default build, web-vitals included, within 4 KB brotli', () => {
    const size = brotli(files['tracker.js']);
    expect(size).toBeGreaterThan(2 * KB); // web-vitals alone is about 3 KB: it is in there
    expect(size).toBeLessThanOrEqual(4 * KB);
  });

  it('keeps the attribution build, loaded only on request, within 7 KB brotli', () => {
    expect(brotli(files['tracker.attribution.js'])).toBeLessThanOrEqual(7 * KB);
  });

  it('leaves attribution code out of the default build', () => {
    const standard = fs.readFileSync(files['tracker.js'], 'utf8');
    const attribution = fs.readFileSync(files['tracker.attribution.js'], 'utf8');
    expect(attribution).toContain('largestShiftTarget');
    expect(standard).not.toContain('largestShiftTarget');
    expect(standard).toContain('tracker.attribution.js');
  });

  it.each(['tracker.js', 'tracker.attribution.js'] as const)('%s uses no cookies, storage or console', (file) => {
    const code = fs.readFileSync(files[file], 'utf8');
    for (const forbidden of ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'console.']) {
      expect(code).not.toContain(forbidden);
    }
    expect(code).toContain('sendBeacon');
    expect(code).toContain('/api/v1/vitals');
  });
});
