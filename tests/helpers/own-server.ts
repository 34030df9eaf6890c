import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SERVER_BUNDLE } from '../../scripts/lib/build';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A production server of a suite's own (the build the shared servers made), once it answers its health check. */
export async function startOwnServer(env: NodeJS.ProcessEnv, port: number, attempts = 200): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER_BUNDLE], { cwd: ROOT, env, stdio: 'ignore' });
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** The environment of such a server: production, its own SQLite file in `dir`, no Redis. */
export function ownServerEnv(dir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `file:${path.join(dir, 'observatory.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: '',
    ...extra,
  };
}
