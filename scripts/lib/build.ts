/** The production build, redone only when what it depends on changed (npm start, the HTTP benchmarks). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/db/schema-files';
import { run } from './cli';

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const BUILD_STAMP = path.join(ROOT, '.next', 'observatory-sources.sha256');
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];

/** A hash of everything a production build depends on, to rebuild only when it changed. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(abs).sort()) visit(path.join(rel, entry));
    } else {
      hash.update(rel).update('\0').update(fs.readFileSync(abs)).update('\0');
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest('hex');
}

export function buildIfNeeded(): void {
  const current = sourcesHash();
  const built = fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && fs.existsSync(BUILD_STAMP);
  if (built && fs.readFileSync(BUILD_STAMP, 'utf8') === current) return;
  console.log(
    built ? 'observatory: sources changed since the last build; building…' : 'observatory: no build yet; building…',
  );
  run(process.execPath, [NEXT_BIN, 'build'], { env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(BUILD_STAMP, current);
}
