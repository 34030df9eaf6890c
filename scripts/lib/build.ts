/**
 * The production build, redone only when the sources changed: used by the start command and by
 * the test suites that run the production server as a child process.
 */
import { spawnSync, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from '../../lib/db/schema-files';
import { buildTracker, trackerBuilt } from './tracker-build';

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/**
 * scripts/server.ts compiled to plain JavaScript with what it imports from lib/, packages left
 * external: run by node alone, without tsx's loader in the serving process (~70 MB of resident
 * memory). Two folders deep, like lib/db/schema-files.ts, so ROOT resolves the same from it.
 */
export const SERVER_BUNDLE = path.join(ROOT, '.next', 'observatory', 'server.mjs');

/**
 * V8's young generation: semi-spaces of 8 MB instead of the default 16 MB. Under ingestion the
 * server allocates fast and the young generation grows to its limit, so this is ~16 MB of
 * resident memory; survivors are few, so the extra scavenges cost little (bench/memory.ts,
 * bench/ingest-http.ts).
 */
export const SEMI_SPACE_MB = 8;

/** Node's flags for the production server process (SERVER_HEAP_MB, lib/config.ts: 0 = V8's defaults). */
export function serverNodeArgs(heapMb: number): string[] {
  return heapMb > 0 ? [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`] : [];
}

/**
 * The production server's environment. glibc gives each thread that allocates its own malloc
 * arena (up to 8 per core); with the SQLite insert thread and libuv's pool, the arenas' free
 * space cost ~50 MB of resident memory under ingestion (bench/memory.ts). Two arenas keep it
 * flat; a value already set is kept.
 */
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
const BUILD_STAMP = path.join(ROOT, '.next', 'observatory-sources.sha256');
// Beside .next, not inside it: `next build` empties .next.
const BUILD_LOCK = path.join(ROOT, '.next-build.lock');
const STALE_LOCK_MS = 15 * 60_000;
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.ts',
  // The server bundle's entry and the scripts/ file it includes (lib/ is listed above).
  'scripts/server.ts',
  'scripts/lib/next-config.ts',
  // The tracker's build options (its sources are under lib/).
  'scripts/lib/tracker-build.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];

/** A hash of everything a production build depends on, to rebuild only when it changed. */
export function sourcesHash(): string {
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

export class BuildFailed extends Error {
  constructor(
    readonly status: number,
    readonly output: string,
  ) {
    super(`next build failed (exit ${status})${output ? `:\n${output}` : ''}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a process that died while building (killed test run, Ctrl-C) is taken over. */
function stale(): boolean {
  try {
    const owner = Number(fs.readFileSync(path.join(BUILD_LOCK, 'pid'), 'utf8'));
    if (owner > 0) return !alive(owner);
  } catch {
    // Just created, its owner not written yet, or just removed: judged by age below.
  }
  const created = fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs;
  return created !== undefined && Date.now() - created > STALE_LOCK_MS;
}

// Two processes building into one .next at once corrupt it (two test suites, two instances).
async function withLock<T>(fn: () => T): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      fs.writeFileSync(path.join(BUILD_LOCK, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (stale()) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/**
 * Runs `next build` unless the last build is of the current sources. `stdio: 'pipe'` keeps the
 * build's output for the error instead of printing it. Returns whether it built.
 */
export function buildIfNeeded({
  stdio = 'inherit',
  log = console.log,
}: { stdio?: StdioOptions; log?: (line: string) => void } = {}): Promise<boolean> {
  return withLock(() => {
    const current = sourcesHash();
    const built = fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && fs.existsSync(BUILD_STAMP);
    if (built && fs.readFileSync(BUILD_STAMP, 'utf8') === current) {
      if (!trackerBuilt()) buildTracker();
      return false;
    }
    log(
      built ? 'observatory: sources changed since the last build; building…' : 'observatory: no build yet; building…',
    );
    const res = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: ROOT,
      stdio,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (res.error) throw res.error;
    if (res.status !== 0) throw new BuildFailed(res.status ?? 1, `${res.stdout ?? ''}${res.stderr ?? ''}`.trim());
    buildSync({
      entryPoints: [path.join(ROOT, 'scripts', 'server.ts')],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    // /tracker.js and /tracker.attribution.js, served from files beside the server bundle.
    buildTracker();
    fs.writeFileSync(BUILD_STAMP, current);
    return true;
  });
}
