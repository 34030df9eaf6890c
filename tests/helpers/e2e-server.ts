/**
 * A production server of a browser suite's own, on a fresh SQLite file, with an admin created
 * through the CLI and signed in: the storage state a suite's browser contexts start from.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { recordSecret, sameOrigin, signIn } from './e2e';
import { closedPort } from './net';
import { ownServerEnv, startOwnServer } from './own-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export type Credentials = { email: string; name: string; password: string };

export type AdminServer = {
  dir: string;
  env: NodeJS.ProcessEnv;
  port: number;
  baseURL: string;
  /** The signed-in admin's storage state (a file), for browser and request contexts. */
  state: string;
  process: ChildProcess;
  /** Starts the server again on the same port and data (after it stopped). */
  start(): Promise<void>;
  /** Kills the server and removes its data. */
  dispose(): void;
};

/** `name` labels the temporary folder; `extraEnv` goes to the server (and the CLI). */
export async function startAdminServer(
  name: string,
  admin: Credentials,
  extraEnv: Record<string, string> = {},
): Promise<AdminServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `observatory-${name}-`));
  const port = await closedPort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env = ownServerEnv(dir, port, extraEnv);
  recordSecret(admin.password);
  const args = ['user', 'create', '--email', admin.email, '--name', admin.name, '--role', 'admin', '--password-stdin'];
  const res = spawnSync(process.execPath, [TSX, 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env,
    input: admin.password,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`cli user create: ${res.stderr}`);
  const server: AdminServer = {
    dir,
    env,
    port,
    baseURL,
    state: path.join(dir, 'admin.json'),
    process: await startOwnServer(env, port, 600),
    start: async () => {
      server.process = await startOwnServer(env, port, 600);
    },
    dispose: () => {
      server.process.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const context = await playwrightRequest.newContext({ baseURL });
  expect((await signIn(context, baseURL, admin)).status()).toBe(200);
  await context.storageState({ path: server.state });
  await context.dispose();
  return server;
}

/** Two days of the demo shop (so a 24-hour period has a period before it), as an admin loads them. */
export async function loadDemo(context: APIRequestContext, baseURL: string): Promise<void> {
  const demo = await context.post('/api/v1/demo', {
    headers: sameOrigin(baseURL),
    data: { days: 2 },
    timeout: 240_000,
  });
  expect(demo.status()).toBe(201);
  // A still dataset: the views' numbers are compared with the API's, so no live minute may land between.
  const still = await context.put('/api/v1/demo/live', { headers: sameOrigin(baseURL), data: { enabled: false } });
  expect(still.status()).toBe(200);
}

/** A project without data, for a view's empty state. */
export async function createEmptyProject(context: APIRequestContext, baseURL: string, name: string, slug: string) {
  const res = await context.post('/api/v1/projects', { headers: sameOrigin(baseURL), data: { name, slug } });
  expect(res.status()).toBe(201);
}
