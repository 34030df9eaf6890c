/** The config the production server hands Next.js: the build's, or a one-line reason there is none. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtNextConfig } from '../../scripts/lib/next-config';

describe('builtNextConfig', () => {
  let root: string;
  const manifest = (text: string) => {
    fs.mkdirSync(path.join(root, '.next'));
    fs.writeFileSync(path.join(root, '.next', 'required-server-files.json'), text);
  };

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is the resolved config the build wrote, as JSON', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'next-config-'));
    const config = { distDir: '.next', poweredByHeader: false, serverExternalPackages: ['pg'] };
    manifest(JSON.stringify({ version: 1, config, files: [] }));
    expect(JSON.parse(builtNextConfig(root))).toEqual(config);
  });

  it.each([
    ['no build', null, /^no production build in .*\.next \(npm start builds one\)$/],
    ['a truncated manifest', '{"version":1,"config":{', /required-server-files\.json: .*JSON/],
    ['a manifest without config', '{"version":1,"files":[]}', /holds no "config": rebuild with npm start$/],
    ['a config that is not an object', '{"config":"next.config.ts"}', /holds no "config"/],
  ])('refuses %s with a message naming it', (_what, text, message) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'next-config-'));
    if (text !== null) manifest(text);
    expect(() => builtNextConfig(root)).toThrow(message);
  });
});
