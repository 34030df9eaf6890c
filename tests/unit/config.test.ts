import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig as parseConfigEnv } from '@/lib/config';

const parseConfig = (env: Record<string, string | undefined>, cwd: string) =>
  parseConfigEnv(env as NodeJS.ProcessEnv, cwd);

const cwd = '/srv/observatory';

describe('parseConfig', () => {
  it('gives a working embedded default from an empty environment', () => {
    const config = parseConfig({}, cwd);
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.database).toEqual({
      provider: 'sqlite',
      url: 'file:./data/observatory.db',
      file: '/srv/observatory/data/observatory.db',
    });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.migrateOnStart).toBe(true);
  });

  it('does not migrate PostgreSQL at start unless asked', () => {
    const pgUrl = 'postgresql://obs:pw@db.internal:5432/observatory';
    expect(parseConfig({ DATABASE_URL: pgUrl }, cwd).migrateOnStart).toBe(false);
    expect(parseConfig({ DATABASE_URL: pgUrl, MIGRATE_ON_START: 'true' }, cwd).migrateOnStart).toBe(true);
    expect(parseConfig({ MIGRATE_ON_START: 'false' }, cwd).migrateOnStart).toBe(false);
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(parseConfig({ REDIS_URL: '' }, cwd).REDIS_URL).toBeUndefined();
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, cwd).REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: .*\(got "abc"\)/],
    [{ PORT: '70000' }, /PORT: .*\(got "70000"\)/],
    [{ PORT: '-1' }, /PORT/],
    [{ MIGRATE_ON_START: 'sometimes' }, /MIGRATE_ON_START: .*\(got "sometimes"\)/],
    [{ MIGRATE_ON_START: 'yes' }, /MIGRATE_ON_START/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ TRUST_PROXY_HOPS: '-1' }, /TRUST_PROXY_HOPS: .*\(got "-1"\)/],
    [{ TRUST_PROXY_HOPS: 'all' }, /TRUST_PROXY_HOPS/],
    [{ TRUST_PROXY_HOPS: '1.5' }, /TRUST_PROXY_HOPS/],
    [{ DATABASE_URL: 'mysql://root@localhost/obs' }, /unsupported scheme "mysql:"/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [{ DATABASE_URL: 'file:' }, /must name a SQLite file/],
    [{ DATABASE_URL: 'postgresql://host-only' }, /names no PostgreSQL database/],
    [{ DATABASE_URL: 'postgresql://h/db?schema=x";drop' }, /invalid \?schema=/],
    [{ REDIS_URL: 'http://cache:6379' }, /REDIS_URL: must start with redis:\/\//],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(env, cwd)).toThrow(message);
  });

  it('takes PUBLIC_URL as an origin and refuses anything but http(s) URLs', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://obs.example.com/some/path' }, cwd).PUBLIC_URL).toBe(
      'https://obs.example.com',
    );
    expect(parseConfig({ PUBLIC_URL: '' }, cwd).PUBLIC_URL).toBeUndefined();
    for (const bad of ['obs.example.com', 'javascript:alert(1)', 'ftp://obs.example.com', 'https://']) {
      expect(() => parseConfig({ PUBLIC_URL: bad }, cwd), bad).toThrow(/PUBLIC_URL: must be an http/);
    }
  });

  it('serves the benchmark-only routes only when asked to', () => {
    expect(parseConfig({}, cwd).OBSERVATORY_BENCH_ROUTES).toBe(false);
    expect(parseConfig({ OBSERVATORY_BENCH_ROUTES: '' }, cwd).OBSERVATORY_BENCH_ROUTES).toBe(false);
    expect(parseConfig({ OBSERVATORY_BENCH_ROUTES: 'false' }, cwd).OBSERVATORY_BENCH_ROUTES).toBe(false);
    expect(parseConfig({ OBSERVATORY_BENCH_ROUTES: 'true' }, cwd).OBSERVATORY_BENCH_ROUTES).toBe(true);
    expect(() => parseConfig({ OBSERVATORY_BENCH_ROUTES: 'yes' }, cwd)).toThrow(/OBSERVATORY_BENCH_ROUTES/);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => parseConfig({ ADMIN_EMAIL: 'a@b.co' }, cwd)).toThrow(/must be set together/);
    expect(parseConfig({ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'p'.repeat(12) }, cwd).ADMIN_EMAIL).toBe('a@b.co');
  });

  it('takes retention in whole days, with finer rows never outliving coarser ones', () => {
    expect(parseConfig({}, cwd)).toMatchObject({
      RETENTION_RAW_DAYS: 7,
      RETENTION_MINUTE_DAYS: 30,
      RETENTION_HOUR_DAYS: 400,
      RETENTION_DAY_DAYS: 0,
      JOBS_ENABLED: 'true',
    });
    expect(parseConfig({ RETENTION_MINUTE_DAYS: '10', RETENTION_HOUR_DAYS: '12' }, cwd).RETENTION_HOUR_DAYS).toBe(12);
    expect(() => parseConfig({ RETENTION_MINUTE_DAYS: '30', RETENTION_HOUR_DAYS: '31' }, cwd)).toThrow(
      /RETENTION_HOUR_DAYS must be at least RETENTION_MINUTE_DAYS \+ 2/,
    );
    expect(() => parseConfig({ RETENTION_DAY_DAYS: '100' }, cwd)).toThrow(/RETENTION_DAY_DAYS must be 0/);
    for (const bad of ['0', '-1', '1.5', 'seven', '1e9']) {
      expect(() => parseConfig({ RETENTION_RAW_DAYS: bad }, cwd), bad).toThrow(/RETENTION_RAW_DAYS/);
    }
    expect(() => parseConfig({ JOBS_ENABLED: 'yes' }, cwd)).toThrow(/JOBS_ENABLED/);
  });

  it('names every bad variable at once', () => {
    expect(() => parseConfig({ PORT: 'x', DATABASE_POOL_SIZE: 'y' }, cwd)).toThrow(/PORT: .*; DATABASE_POOL_SIZE: /);
  });

  it('never echoes secret values in its errors', () => {
    const secret = 'hunter2-very-secret';
    const attempts = [
      { DATABASE_URL: `mysql://root:${secret}@db/obs` },
      { DATABASE_URL: `postgresql://u:${secret}@/` },
      { REDIS_URL: `http://:${secret}@cache:6379` },
      { ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: secret, PORT: 'x' },
      { ADMIN_PASSWORD: secret },
      { SENTRY_DSN: `https://${secret}@sentry.example` },
      { SENTRY_DSN: `ftp://${secret}@sentry.example/1` },
    ];
    for (const env of attempts) {
      let message = '';
      try {
        parseConfig(env, cwd);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(secret);
    }
  });

  it('reads the self-monitoring, Sentry and Vercel Analytics settings, off where they would call out', () => {
    const config = parseConfig({}, cwd);
    expect(config).toMatchObject({ SELF_MONITORING: 'true', VERCEL_ANALYTICS: 'false' });
    expect(config.SENTRY_DSN).toBeUndefined();
    expect(config.INSTANCE_ID).toBeUndefined();
    const set = parseConfig(
      {
        SELF_MONITORING: 'false',
        INSTANCE_ID: 'web-1:eu',
        SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
        VERCEL_ANALYTICS: 'true',
      },
      cwd,
    );
    expect(set).toMatchObject({
      SELF_MONITORING: 'false',
      INSTANCE_ID: 'web-1:eu',
      SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
      VERCEL_ANALYTICS: 'true',
    });
    expect(parseConfig({ SENTRY_DSN: '', INSTANCE_ID: '' }, cwd)).toMatchObject({
      SENTRY_DSN: undefined,
      INSTANCE_ID: undefined,
    });
  });

  it.each([
    [{ SELF_MONITORING: 'yes' }, /SELF_MONITORING: .*\(got "yes"\)/],
    [{ VERCEL_ANALYTICS: '1' }, /VERCEL_ANALYTICS/],
    [{ INSTANCE_ID: 'web 1' }, /INSTANCE_ID: must be 1 to 64 letters/],
    [{ INSTANCE_ID: 'x'.repeat(65) }, /INSTANCE_ID/],
    [{ INSTANCE_ID: 'a\nb' }, /INSTANCE_ID/],
    [{ SENTRY_DSN: 'not a url' }, /SENTRY_DSN: must be a Sentry DSN/],
    [{ SENTRY_DSN: 'https://sentry.example/1' }, /SENTRY_DSN: must be a Sentry DSN/],
    [{ SENTRY_DSN: 'https://key@sentry.example' }, /SENTRY_DSN: must be a Sentry DSN/],
    [{ SENTRY_DSN: 'javascript://key@x/1' }, /SENTRY_DSN/],
  ])('refuses %j', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(message);
  });

  it('truncates long hostile values in messages', () => {
    const long = 'x'.repeat(10_000);
    expect(() => parseConfig({ PORT: long }, cwd)).toThrow(ConfigError);
    try {
      parseConfig({ PORT: long }, cwd);
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(200);
    }
  });
});

describe('outbound settings', () => {
  it('merges OUTBOUND_ALLOW with the deprecated ALERTS_OUTBOUND_ALLOW', () => {
    expect(parseConfig({}, cwd).outbound).toEqual({ allow: [], ca: undefined });
    expect(parseConfig({ ALERTS_OUTBOUND_ALLOW: 'hooks.internal, 10.0.0.7' }, cwd).outbound.allow).toEqual([
      'hooks.internal',
      '10.0.0.7',
    ]);
    expect(
      parseConfig({ OUTBOUND_ALLOW: '10.0.0.0/8,hooks.internal', ALERTS_OUTBOUND_ALLOW: 'hooks.internal' }, cwd)
        .outbound.allow,
    ).toEqual(['10.0.0.0/8', 'hooks.internal']);
  });

  it.each([
    [{ OUTBOUND_ALLOW: 'hooks internal' }, /OUTBOUND_ALLOW: "hooks internal" is not a host name/],
    [{ ALERTS_OUTBOUND_ALLOW: '10.0.0.0/40' }, /ALERTS_OUTBOUND_ALLOW: "10.0.0.0\/40" is not a host name/],
    [{ OUTBOUND_ALLOW: 'a,'.repeat(2_001) }, /OUTBOUND_ALLOW/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(env, cwd)).toThrow(message);
  });

  it('reads OUTBOUND_CA_FILE at start, refusing a missing file or one without a certificate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-ca-'));
    try {
      const pem = tls.rootCertificates[0]!;
      fs.writeFileSync(path.join(dir, 'ca.pem'), `# our CA\n${pem}\n`);
      fs.writeFileSync(path.join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
      fs.writeFileSync(
        path.join(dir, 'broken.pem'),
        '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n',
      );
      expect(parseConfig({ OUTBOUND_CA_FILE: 'ca.pem' }, dir).outbound.ca).toContain(pem);
      expect(() => parseConfig({ OUTBOUND_CA_FILE: 'missing.pem' }, dir)).toThrow(
        /OUTBOUND_CA_FILE: cannot read missing.pem \(ENOENT\)/,
      );
      expect(() => parseConfig({ OUTBOUND_CA_FILE: 'key.pem' }, dir)).toThrow(
        /OUTBOUND_CA_FILE: key.pem holds no PEM certificate/,
      );
      expect(() => parseConfig({ OUTBOUND_CA_FILE: 'broken.pem' }, dir)).toThrow(/certificate 1 of 1 cannot be read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
