/**
 * What authentication costs per request: the same GET through route() as a public route, with a
 * project key (x-api-key: SHA-256, one indexed lookup, the per-key rate limit) and with a session
 * cookie (better-auth: signature check, session and user lookup, the per-user rate limit).
 * Both run on a real SQLite database in a temporary directory, baseline in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compare, type BenchResult } from './harness';

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-auth-'));
  process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`;
  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  await migrate(parseDatabaseUrl(process.env.DATABASE_URL));

  const { getDb } = await import('../lib/db');
  const { getAuth } = await import('../lib/auth');
  const { createProject, createKey } = await import('../lib/projects/store');
  const { route } = await import('../lib/http/route');
  const db = getDb();
  const project = await createProject(db, 'bench', { name: 'Bench' });
  const { key } = await createKey(db, 'bench', { project: project.id, kind: 'admin', name: 'bench' });
  const auth = getAuth('http://bench');
  const password = 'bench password 1234';
  await auth.api.createUser({ body: { email: 'bench@example.com', name: 'Bench', password, role: 'viewer' } });
  const signIn = await auth.api.signInEmail({ body: { email: 'bench@example.com', password }, asResponse: true });
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  // Generous limits: the benchmark measures the checks, not the refusals.
  const limit = { rule: { burst: 1e9, perSecond: 1e9 }, key: () => 'bench' };
  return {
    dir,
    key,
    cookie,
    open: route({ auth: 'public', rateLimit: limit }, () => ({ ok: true })),
    keyed: route({ auth: 'key', permission: 'dashboards:read', rateLimit: limit }, () => ({ ok: true })),
    session: route({ auth: 'user', permission: 'dashboards:read', rateLimit: limit }, () => ({ ok: true })),
  };
}

const get = (headers: Record<string, string>) =>
  new Request('http://bench/api/v1/projects', { headers: { host: 'bench', ...headers } });

export async function authOverhead(): Promise<BenchResult[]> {
  const s = await setup();
  try {
    const open = async () => void (await (await s.open(get({}))).text());
    const keyed = await compare(open, async () => void (await (await s.keyed(get({ 'x-api-key': s.key }))).text()));
    const session = await compare(open, async () => void (await (await s.session(get({ cookie: s.cookie }))).text()));
    return [
      {
        name: 'Key authentication (SQLite)',
        baseline: { label: 'public route()', ...keyed.baseline },
        subject: { label: "route({ auth: 'key' }) with x-api-key", ...keyed.subject },
      },
      {
        name: 'Session authentication (SQLite)',
        baseline: { label: 'public route()', ...session.baseline },
        subject: { label: "route({ auth: 'user' }) with the session cookie", ...session.subject },
      },
    ];
  } finally {
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
}
