/**
 * npm run cli -- <command>: administration for unattended setups and scripts.
 * Every change is recorded in the audit log with the actor "cli". New keys are printed once.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { listAudit } from '../lib/audit/store';
import { AuthSecretError } from '../lib/auth/secret';
import { createUser } from '../lib/auth/users';
import { createDb, type Db } from '../lib/db/client';
import { ApiError } from '../lib/http/errors';
import {
  createKey,
  createProject,
  deleteProject,
  getProject,
  listKeys,
  listProjects,
  revokeKey,
  updateProject,
} from '../lib/projects/store';
import { scriptAuth } from './lib/accounts';
import { fail, prepare } from './lib/cli';

const USAGE = `usage: npm run cli -- <command> [options]

  project list
  project create --name <name> [--slug <slug>] [--origin <https://site> ...]
  project rename <project> --name <name>
  project origins <project> [--origin <https://site> ...]   (none: clear the list)
  project delete <project> --yes
  key create <project> --kind ingest|admin --name <name> [--scope performance:read|performance:write ...]
  key list <project>
  key revoke <key-id>
  user create --email <email> --name <name> --role admin|member|viewer [--password-stdin]
      (without --password-stdin a random password is generated and printed once)
  audit [--project <project>] [--limit <n>]

<project> is a project's slug or id. Add --json for machine-readable output.`;

const ACTOR = 'cli';

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        slug: { type: 'string' },
        origin: { type: 'string', multiple: true },
        kind: { type: 'string' },
        scope: { type: 'string', multiple: true },
        project: { type: 'string' },
        limit: { type: 'string' },
        yes: { type: 'boolean' },
        json: { type: 'boolean' },
        email: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
})();

function usage(message?: string): never {
  return fail(message ? `${message}\n${USAGE}` : USAGE, 2);
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) usage(`missing ${what}`);
  return value;
}

function print(human: string, data: unknown): void {
  console.log(values.json ? JSON.stringify(data, null, 2) : human);
}

function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const date = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

async function run(db: Db, [group, command, arg]: string[]): Promise<void> {
  switch (`${group ?? ''} ${command ?? ''}`.trim()) {
    case 'project list': {
      const projects = await listProjects(db);
      print(
        projects.length
          ? table([
              ['SLUG', 'NAME', 'SITE ID', 'ORIGINS'],
              ...projects.map((p) => [p.slug, p.name, p.siteId, p.allowedOrigins.join(' ') || '-']),
            ])
          : 'no projects yet: npm run cli -- project create --name "My site"',
        projects,
      );
      return;
    }
    case 'project create': {
      const project = await createProject(db, ACTOR, {
        name: required(values.name, '--name'),
        slug: values.slug,
        allowedOrigins: values.origin,
      });
      print(`created project ${project.slug} (site id ${project.siteId})`, project);
      return;
    }
    case 'project rename': {
      const project = await updateProject(db, ACTOR, required(arg, '<project>'), {
        name: required(values.name, '--name'),
      });
      print(`renamed ${project.slug} to "${project.name}"`, project);
      return;
    }
    case 'project origins': {
      const project = await updateProject(db, ACTOR, required(arg, '<project>'), {
        allowedOrigins: values.origin ?? [],
      });
      print(`${project.slug} accepts beacons from: ${project.allowedOrigins.join(' ') || 'no origin'}`, project);
      return;
    }
    case 'project delete': {
      const project = required(arg, '<project>');
      if (!values.yes) usage(`deleting ${project} removes its keys and data: add --yes to confirm`);
      await deleteProject(db, ACTOR, project);
      print(`deleted project ${project}`, { deleted: project });
      return;
    }
    case 'key create': {
      const { key, record } = await createKey(db, ACTOR, {
        project: required(arg, '<project>'),
        kind: required(values.kind, '--kind'),
        name: required(values.name, '--name'),
        scopes: values.scope,
      });
      print(
        `created ${record.kind} key "${record.name}" (id ${record.id})\n\n  ${key}\n\nThis is the only time the key is shown: store it now.`,
        { key, ...record },
      );
      return;
    }
    case 'key list': {
      const keys = await listKeys(db, required(arg, '<project>'));
      print(
        keys.length
          ? table([
              ['ID', 'KIND', 'NAME', 'PREFIX', 'SCOPES', 'LAST USED', 'REVOKED'],
              ...keys.map((k) => [
                k.id,
                k.kind,
                k.name,
                `${k.prefix}…`,
                k.scopes.join(' ') || '-',
                date(k.lastUsedAt),
                date(k.revokedAt),
              ]),
            ])
          : 'no keys',
        keys,
      );
      return;
    }
    case 'key revoke': {
      const key = await revokeKey(db, ACTOR, required(arg, '<key-id>'));
      print(`revoked key "${key.name}" (${key.prefix}…)`, key);
      return;
    }
    case 'user create': {
      const generated = !values['password-stdin'];
      const password = generated ? randomPassword() : await readStdin();
      const auth = scriptAuth(db, config);
      const user = await createUser(auth, db, ACTOR, {
        email: required(values.email, '--email'),
        name: required(values.name, '--name'),
        role: required(values.role, '--role'),
        password,
      });
      print(
        generated
          ? `created ${user.role} ${user.email}\n\n  password: ${password}\n\nThis is the only time the password is shown.`
          : `created ${user.role} ${user.email}`,
        generated ? { ...user, password } : user,
      );
      return;
    }
    default: {
      if (group !== 'audit')
        usage(group ? `unknown command "${[group, command].filter(Boolean).join(' ')}"` : undefined);
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) usage('--limit must be a whole number from 1 to 1000');
      const projectId = values.project ? (await getProject(db, values.project)).id : undefined;
      const events = await listAudit(db, { projectId, limit });
      print(
        events.length
          ? table([
              ['WHEN', 'ACTOR', 'ACTION', 'TARGET'],
              ...events.map((e) => [date(e.at), e.actor, e.action, e.target ?? '-']),
            ])
          : 'no audit events',
        events,
      );
    }
  }
}

if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}

const { config } = await prepare(false);

const db = createDb(config.database, { poolSize: 2 });
try {
  await run(db, positionals);
} catch (err) {
  if (err instanceof ApiError || err instanceof AuthSecretError) fail(err.message);
  throw err;
} finally {
  await db.$disconnect();
}
