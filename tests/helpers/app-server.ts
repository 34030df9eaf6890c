/**
 * The production server as a child process on a test database of its own: built once per change
 * of the sources (shared with `npm start`), provisioned through the admin CLI, started and killed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildIfNeeded, SERVER_BUNDLE } from '../../scripts/lib/build';
import { closedPort } from './net';
import { REDIS_URL, type TestDatabase } from './services';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// A first build takes minutes on a 2-core machine; later runs find it current at once.
export const BUILD_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 120_000;
/** For a suite's beforeAll: CLI calls (each a process of its own) and a server start. */
export const SETUP_TIMEOUT_MS = 240_000;

/** Builds the app unless the last build is of the current sources. */
export async function ensureBuild(): Promise<void> {
  await buildIfNeeded({ stdio: 'pipe', log: () => {} });
}

/** The environment of a production server (and of the CLI) on `db`, listening on 127.0.0.1:`port`. */
export function serverEnv(db: TestDatabase, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: db.url,
    MIGRATE_ON_START: 'true',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: REDIS_URL ?? '',
  };
}

/** Runs the admin CLI with --json (the first call migrates the database); returns its output. */
export function cli<T = Record<string, unknown>>(env: NodeJS.ProcessEnv, args: string[]): T {
  const res = spawnSync(process.execPath, [TSX, 'scripts/cli.ts', ...args, '--json'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`cli ${args.join(' ')}: ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}

export type AppServer = {
  url: string;
  env: NodeJS.ProcessEnv;
  /** Starts (or starts again) the server and waits until /api/health answers 200. */
  start(): Promise<void>;
  /** Ends the process at once, as a crash or the OOM killer would. */
  kill(): Promise<void>;
  /** Sends SIGTERM (a graceful stop) and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
  /** What the server printed, for failure messages. */
  output(): string;
  /** The running server's process id (node running the server bundle), for /proc. */
  pid(): number | undefined;
};

export async function appServer(db: TestDatabase): Promise<AppServer> {
  const port = await closedPort();
  const env = serverEnv(db, port);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  const start = async () => {
    await kill();
    const started = spawn(process.execPath, [SERVER_BUNDLE], { cwd: ROOT, env });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Generous: other builds and test runs share these 2 cores.
    for (const deadline = Date.now() + START_TIMEOUT_MS; Date.now() < deadline;) {
      if (started.exitCode !== null) throw new Error(`the server exited (${started.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await kill();
    throw new Error(`the server did not answer /api/health within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return running?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
    running.kill('SIGTERM');
    return exited;
  };

  return { url, env, start, kill, stop, output: () => output, pid: () => child?.pid };
}
