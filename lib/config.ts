/**
 * The whole environment, parsed once with zod. Every variable is listed in .env.example
 * with its default; add new ones in both places. Values that may hold secrets
 * (DATABASE_URL, REDIS_URL) are never echoed in error messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DatabaseUrlError, parseDatabaseUrl, type DbTarget } from './db/url';
import { allowEntryProblem, splitList } from './outbound/allow';
import { parseCertificates } from './outbound/tls';

const SECRET_VARS = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'AUTH_SECRET',
  'ADMIN_PASSWORD',
  'SENTRY_DSN',
  'SMTP_PASSWORD',
]);

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(['auto', 'true', 'false']);
const optionalString = z
  .string()
  .optional()
  .or(z.literal('').transform(() => undefined));

/** Comma-separated host names, IP addresses and CIDR ranges; every entry must be readable. */
const allowList = z
  .string()
  .trim()
  .max(4_000)
  .default('')
  .transform((value, ctx) => {
    const entries = splitList(value);
    for (const entry of entries) {
      const problem = allowEntryProblem(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
    return entries;
  });

const days = (fallback: number, min: number) => z.coerce.number().int().min(min).max(36_500).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  /** How many reverse proxies in front of Observatory append to X-Forwarded-For (0: none, trust the socket). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  DATABASE_URL: z.string().trim().min(1).default('file:./data/observatory.db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MIGRATE_ON_START: flag.default('auto'),
  /** Signs session cookies. Optional on SQLite (generated beside the database), required on PostgreSQL. */
  AUTH_SECRET: optionalString,
  /**
   * Where users reach Observatory, e.g. https://observatory.example.com. Forms must come from
   * its origin; https makes session cookies Secure. Unset: taken from each request's Host.
   */
  PUBLIC_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .transform((u) => new URL(u).origin)
      .optional(),
  ),
  /** With ADMIN_PASSWORD: the first admin, created at start while no user exists (unattended installs). */
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * The server process's V8 old-space limit in MB (npm start): a cap makes V8 collect garbage
   * before growing, keeping memory flat under sustained ingestion. 0: Node's own default.
   */
  SERVER_HEAP_MB: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 96 && n <= 65_536), 'must be 0 (Node default) or from 96 to 65536')
    .default(256),
  /** Requests per second one ingest key may send to the metrics and requests APIs (bursts: 4 s worth); then 429. */
  INGEST_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  /** Points accepted but not yet written before ingestion answers 503 (bounded memory): at least one full request. */
  INGEST_BUFFER_POINTS: z.coerce.number().int().min(5_000).max(10_000_000).default(200_000),
  /** Live event streams (GET /api/v1/stream) one instance holds open at most; beyond: 503 with Retry-After. */
  LIVE_STREAMS_MAX: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** Run the background jobs (compaction, retention) in this instance. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /** Seconds between two evaluations of every enabled alert rule. */
  ALERTS_EVAL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3_600).default(30),
  /**
   * Hosts, IP addresses and CIDR ranges outbound requests (alert notifications, checks of
   * monitored services) may reach although private or loopback, comma-separated, e.g.
   * "hooks.internal,10.0.0.7,10.20.0.0/16". Link-local and cloud-metadata addresses are refused
   * whatever this says.
   */
  OUTBOUND_ALLOW: allowList,
  /** Deprecated name of OUTBOUND_ALLOW, still read: both lists are merged. */
  ALERTS_OUTBOUND_ALLOW: allowList,
  /** A PEM file of extra certificate authorities every outbound HTTPS request trusts besides the public roots. */
  OUTBOUND_CA_FILE: optionalString,
  /** Attempts per notification (5xx, 429 and network errors are retried with backoff). */
  ALERTS_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** PagerDuty Events API v2 base URL (POST <base>/v2/enqueue). */
  PAGERDUTY_EVENTS_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default('https://events.pagerduty.com'),
  /** SMTP server of email channels; unset: email channels cannot send. */
  SMTP_HOST: optionalString,
  SMTP_PORT: port.default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SMTP_FROM: z.string().trim().max(320).default('Observatory <alerts@localhost>'),
  /** Days each resolution is kept: raw points, minute, hour and day rollups (0: forever, days only). */
  RETENTION_RAW_DAYS: days(7, 1),
  RETENTION_MINUTE_DAYS: days(30, 1),
  RETENTION_HOUR_DAYS: days(400, 1),
  RETENTION_DAY_DAYS: days(0, 0),
  /** Days alert history and notification delivery logs are kept. */
  RETENTION_ALERTS_DAYS: days(90, 1),
  /**
   * Observatory records its own requests, process gauges and page vitals into its built-in
   * "Observatory" project (lib/selfmon). false: nothing is recorded and no tracker is loaded.
   */
  SELF_MONITORING: z.enum(['true', 'false']).default('true'),
  /** Tells instances apart in the process gauges; default <hostname>:<pid>. */
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : -')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Errors go to Sentry at this DSN (https://<key>@<host>/<project>); unset: Sentry does nothing. */
  SENTRY_DSN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be a Sentry DSN, https://<key>@<host>/<project>' })
      // The key is the URL's user part and the project id its last path segment.
      .refine((u) => {
        try {
          const url = new URL(u);
          return url.username !== '' && /\/[\w-]+$/.test(url.pathname);
        } catch {
          return false;
        }
      }, 'must be a Sentry DSN, https://<key>@<host>/<project>')
      .optional(),
  ),
  /** Renders Vercel Web Analytics' script on every page (only useful when deployed on Vercel). */
  VERCEL_ANALYTICS: z.enum(['true', 'false']).default('false'),
  /**
   * Browser beacons (POST /api/v1/vitals) accepted per minute from one client address and for
   * one site id, each with the whole minute's allowance as a burst. 0: no limit.
   */
  VITALS_RATE_PER_IP: z.coerce.number().int().min(0).max(10_000_000).default(600),
  VITALS_RATE_PER_SITE: z.coerce.number().int().min(0).max(100_000_000).default(120_000),
  /** Serves the benchmark-only routes under /api/bench (npm run bench); off in every real deployment. */
  OBSERVATORY_BENCH_ROUTES: z
    .enum(['true', 'false', ''])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema> & {
  database: DbTarget;
  /** Whether the start command applies pending migrations itself. */
  migrateOnStart: boolean;
  outbound: {
    /** OUTBOUND_ALLOW and the deprecated ALERTS_OUTBOUND_ALLOW, merged. */
    allow: string[];
    /** The PEM text of OUTBOUND_CA_FILE. */
    ca: string | undefined;
  };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const key = String(issue.path[0] ?? 'environment');
  const raw = env[key];
  const shown = raw === undefined || SECRET_VARS.has(key) ? '' : ` (got ${JSON.stringify(raw.slice(0, 60))})`;
  return `${key}: ${issue.message}${shown}`;
}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map((i) => describeIssue(i, env)).join('; ')}`);
  }
  let database: DbTarget;
  try {
    database = parseDatabaseUrl(result.data.DATABASE_URL, cwd);
  } catch (err) {
    if (err instanceof DatabaseUrlError) throw new ConfigError(err.message);
    throw err;
  }
  if (Boolean(result.data.ADMIN_EMAIL) !== Boolean(result.data.ADMIN_PASSWORD)) {
    throw new ConfigError('invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const { RETENTION_MINUTE_DAYS: minute, RETENTION_HOUR_DAYS: hour, RETENTION_DAY_DAYS: day } = result.data;
  // Late points rebuild their hour from its minutes and their day from its hours: the finer
  // rows must outlive the coarser ones' rebuild window.
  if (hour < minute + 2) {
    throw new ConfigError('invalid configuration: RETENTION_HOUR_DAYS must be at least RETENTION_MINUTE_DAYS + 2');
  }
  if (day !== 0 && day < hour) {
    throw new ConfigError(
      'invalid configuration: RETENTION_DAY_DAYS must be 0 (forever) or at least RETENTION_HOUR_DAYS',
    );
  }
  const migrateOnStart =
    result.data.MIGRATE_ON_START === 'auto' ? database.provider === 'sqlite' : result.data.MIGRATE_ON_START === 'true';
  const outbound = {
    allow: [...new Set([...result.data.OUTBOUND_ALLOW, ...result.data.ALERTS_OUTBOUND_ALLOW])],
    ca: result.data.OUTBOUND_CA_FILE ? readCaFile(result.data.OUTBOUND_CA_FILE, cwd) : undefined,
  };
  return { ...result.data, database, migrateOnStart, outbound };
}

function readCaFile(file: string, cwd: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`invalid configuration: OUTBOUND_CA_FILE: cannot read ${file} (${code})`);
  }
  try {
    parseCertificates(pem);
  } catch (err) {
    throw new ConfigError(`invalid configuration: OUTBOUND_CA_FILE: ${file} ${(err as Error).message}`);
  }
  return pem;
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
