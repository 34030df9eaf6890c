/**
 * A production server of its own for the HTTP benchmarks: a fresh database (a SQLite file in a
 * temporary directory, or a new schema on a PostgreSQL server, dropped afterwards), migrated,
 * with one project and its ingest key, then scripts/server.ts started the way `npm start` starts
 * it (after building if the sources changed), with the benchmark-only routes switched on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseConfig } from '../lib/config';
import { buildIfNeeded, SERVER_BUNDLE, serverEnv, serverNodeArgs } from '../scripts/lib/build';

const ROOT = path.resolve(import.meta.dirname, '..');

export type Provider = 'sqlite' | 'postgresql';

export type BenchServer = {
  provider: Provider;
  url: string;
  /** The process that serves requests (node running scripts/server.ts), for its RSS. */
  pid: number;
  key: string;
  /** The project's public site id; BENCH_ORIGIN is its allowed origin (browser beacons). */
  siteId: string;
  /** Raw points stored for the project so far. */
  storedPoints(): Promise<number>;
  /** Rows of a table, for checks the points count does not cover (e.g. PageActivity). */
  rows(table: string): Promise<number>;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a PostgreSQL server answers at `url`, so its benchmark can be skipped with a reason. */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The page origin the bench project allows, for the beacon benchmark. */
export const BENCH_ORIGIN = 'https://bench.example';

type FreshDatabase = {
  url: string;
  count(): Promise<number>;
  rows(table: string): Promise<number>;
  drop(): Promise<void>;
};

/** The benchmark's points: not those the server records about itself (self-monitoring's built-in project). */
const benchPoints = (schema = '') =>
  `SELECT COUNT(*) AS n FROM ${schema}"Point" WHERE "seriesId" NOT IN
     (SELECT id FROM ${schema}"Series" WHERE "projectId" = 'observatory_self')`;

function freshSqlite(): FreshDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-http-'));
  const file = path.join(dir, 'observatory.db');
  return {
    url: `file:${file}`,
    count: async () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(benchPoints()).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    rows: async (table) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function freshPostgres(serverUrl: string): FreshDatabase {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url: url.toString(),
    count: async () => Number((await query<{ n: string }>(benchPoints(`"${schema}".`)))[0]!.n),
    rows: async (table) =>
      Number((await query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${schema}"."${table}"`))[0]!.n),
    drop: async () => void (await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer /api/health within 60 s:\n${log()}`);
}

export async function startBenchServer(
  provider: Provider,
  postgresUrl?: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const fresh = provider === 'sqlite' ? freshSqlite() : freshPostgres(postgresUrl!);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: fresh.url,
    AUTH_SECRET: randomBytes(36).toString('base64'),
    HOST: '127.0.0.1',
    PORT: String(port),
    // In-memory rate limits: at 1,000 points a request the ingest bucket (5,000 requests/s)
    // never refuses, and Redis would only add a round trip nobody asked to measure.
    REDIS_URL: '',
    OBSERVATORY_BENCH_ROUTES: 'true',
    ...extraEnv,
  };

  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  const { createDb } = await import('../lib/db/client');
  const { createProject, createKey } = await import('../lib/projects/store');
  const target = parseDatabaseUrl(fresh.url);
  await migrate(target);
  const db = createDb(target);
  let key: string;
  let siteId: string;
  try {
    const project = await createProject(db, 'bench', { name: 'Bench', allowedOrigins: [BENCH_ORIGIN] });
    siteId = project.siteId;
    ({ key } = await createKey(db, 'bench', { project: project.id, kind: 'ingest', name: 'bench' }));
  } finally {
    await db.$disconnect();
  }

  await buildIfNeeded();
  // node itself runs the compiled server (as `npm start` does), so child.pid is the process
  // that serves requests: the one whose memory counts.
  // Node flags for the server alone (--max-old-space-size=192, --cpu-prof…), as arguments:
  // NODE_OPTIONS would reach the benchmark too, and refuses some of them.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // As npm start runs it (SERVER_HEAP_MB's default), unless the variables say otherwise.
  const heapMb = parseConfig({ NODE_ENV: 'production', SERVER_HEAP_MB: process.env.SERVER_HEAP_MB }).SERVER_HEAP_MB;
  const child = spawn(process.execPath, [...serverNodeArgs(heapMb), ...nodeArgs, SERVER_BUNDLE], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => output);
  } catch (err) {
    child.kill('SIGKILL');
    await fresh.drop();
    throw err;
  }

  let stopped = false;
  return {
    provider,
    url,
    pid: child.pid!,
    key,
    siteId,
    rows: fresh.rows,
    storedPoints: fresh.count,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await fresh.drop();
    },
  };
}
