/**
 * What `npm test` needs besides Node.js, set up where it can be: the system's Chromium (installed
 * with apt-get when running as root on Debian/Ubuntu, as .ci/run does) and a Redis for the browser
 * tests (a throwaway `redis-server` on 127.0.0.1, started for the run and stopped after it, when
 * none answers). Where it cannot, one line says what to do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { chromiumMissing } from '../../tests/helpers/chromium';
import { closedPort } from '../../tests/helpers/net';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const asRoot = process.getuid?.() === 0;
const canApt = asRoot && onPath('apt-get');
let aptUpdated = false;

/** Installs Debian packages quietly; true when they installed. */
function aptInstall(...packages: string[]): boolean {
  if (!canApt) return false;
  console.log(`setting up: apt-get install ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    aptUpdated = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

/** Null when Chromium is there (installed now if it can be), else why not. */
export function ensureChromium(): string | null {
  const missing = chromiumMissing();
  if (!missing || process.env.CHROMIUM_PATH) return missing;
  aptInstall('chromium');
  return chromiumMissing();
}

function answers(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379), timeout: 2_000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export type TestRedis = { url: string; stop: () => void } | { error: string };

/**
 * A Redis for the run: REDIS_URL (or redis://127.0.0.1:6379) when it answers; otherwise, for a
 * local address, a `redis-server` started here without persistence on that port (or a free one
 * when REDIS_URL is not set), stopped by `stop()`.
 */
export async function ensureRedis(): Promise<TestRedis> {
  const explicit = process.env.REDIS_URL?.trim();
  const url = new URL(explicit || 'redis://127.0.0.1:6379');
  if (await answers(url)) return { url: url.toString(), stop: () => {} };
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const why = `the browser tests need Redis at ${url.host} (two instances share it)`;
  if (!local) return { error: `${why}: it does not answer` };
  if (!onPath('redis-server') && !aptInstall('redis-server')) {
    return { error: `${why}: start redis-server, install it (apt-get install redis-server) or set REDIS_URL` };
  }
  const port = explicit ? Number(url.port || 6379) : await closedPort();
  const server: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const started = new URL(`redis://127.0.0.1:${port}`);
  for (let i = 0; i < 100 && server.exitCode === null; i++) {
    if (await answers(started)) {
      console.log(`setting up: started redis-server on 127.0.0.1:${port} for this run`);
      return { url: started.toString(), stop: () => server.kill() };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  return { error: `${why}: redis-server did not start on port ${port}` };
}
