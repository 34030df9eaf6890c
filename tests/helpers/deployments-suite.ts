/**
 * Deploy markers on one database provider (each provider's test file runs it in a process of its
 * own: the route handlers open the process's database from the configuration).
 *
 * POST /api/v1/deployments with a project's ingest key stores a marker (201) and answers the same
 * one for the same service, version and environment (200), also when two arrive at once; keys
 * without the ingest permission, other projects' keys and anonymous callers are refused; malformed,
 * oversized and hostile bodies get a 4xx naming the problem and store nothing. The project's list
 * answers newest first within its filters, and the annotations query draws each marker as an
 * instant linked to its service's routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotations } from '@/lib/annotations/types';
import type { Db } from '@/lib/db/client';
import type { Deployment } from '@/lib/deployments';
import { routeProcess } from './route-env';
import type { TestDatabase } from './services';

const ORIGIN = 'http://localhost:3000';

/** An error answer's message (its text when it is not the API's JSON), as a person reads it. */
function messageOf(text: string): string {
  try {
    return (JSON.parse(text) as { error: { message: string } }).error.message;
  } catch {
    return text;
  }
}
const HOUR = 3_600_000;

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = { deployment: Deployment; created: boolean };

export function deploymentsSuite(name: string, fresh: () => TestDatabase) {
  describe(`deploy markers on ${name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let POST: Handler;
    let LIST: Handler;
    let ANNOTATIONS: Handler;
    const keys = { ingest: '', admin: '', otherIngest: '', otherAdmin: '' };
    const ids = { shop: '', other: '' };

    const post = (body: unknown, key: string | null = keys.ingest, headers: Record<string, string> = {}) =>
      POST(
        new Request(`${ORIGIN}/api/v1/deployments`, {
          method: 'POST',
          headers: {
            host: 'localhost:3000',
            'content-type': 'application/json',
            ...(key ? { 'x-api-key': key } : {}),
            ...headers,
          },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
    const list = (project: string, query = '', key = keys.admin) =>
      LIST(
        new Request(`${ORIGIN}/api/v1/projects/${project}/deployments${query ? `?${query}` : ''}`, {
          headers: { host: 'localhost:3000', 'x-api-key': key },
        }),
        { params: Promise.resolve({ id: project }) },
      );
    const stored = () => db.deployment.count();

    beforeAll(async () => {
      database = fresh();
      db = await routeProcess(database);
      const { createKey, createProject } = await import('@/lib/projects/store');
      ({ POST } = await import('@/app/api/v1/deployments/route'));
      ({ GET: LIST } = await import('@/app/api/v1/projects/[id]/deployments/route'));
      ({ GET: ANNOTATIONS } = await import('@/app/api/v1/query/annotations/route'));
      ids.shop = (await createProject(db, 'test', { name: 'Shop', slug: 'shop' })).id;
      ids.other = (await createProject(db, 'test', { name: 'Other', slug: 'other' })).id;
      const key = async (project: string, kind: 'ingest' | 'admin') =>
        (await createKey(db, 'test', { project, kind, name: `${kind} key` })).key;
      keys.ingest = await key(ids.shop, 'ingest');
      keys.admin = await key(ids.shop, 'admin');
      keys.otherIngest = await key(ids.other, 'ingest');
      keys.otherAdmin = await key(ids.other, 'admin');
    });

    afterAll(async () => {
      await db?.$disconnect();
      await database?.drop();
    });

    it('stores a marker (201), and the same service, version and environment again is the same one (200)', async () => {
      const at = Date.now() - 2 * HOUR;
      const first = await post({
        service: 'shop-api',
        version: 'v1.4.0',
        commit: 'ABCDEF1234567',
        ts: new Date(at).toISOString(),
      });
      expect(first.status, await first.clone().text()).toBe(201);
      const a = (await first.json()) as Answer;
      expect(a.created).toBe(true);
      expect(a.deployment).toMatchObject({
        service: 'shop-api',
        version: 'v1.4.0',
        environment: 'production',
        commit: 'abcdef1234567',
        at,
      });
      // A retried step: its first time and commit stay.
      const again = await post({ service: 'shop-api', version: 'v1.4.0', commit: 'fedcba9876543' });
      expect(again.status).toBe(200);
      const b = (await again.json()) as Answer;
      expect(b).toEqual({ deployment: a.deployment, created: false });
      // Another environment is another marker.
      const staging = await post({ service: 'shop-api', version: 'v1.4.0', environment: 'staging', ts: at - HOUR });
      expect(staging.status).toBe(201);
      expect(((await staging.json()) as Answer).deployment.id).not.toBe(a.deployment.id);
      expect(await stored()).toBe(2);
    });

    it('two sends of one marker at once store one row', async () => {
      const body = { service: 'billing', version: '2026.12.07-1', ts: Date.now() - HOUR };
      const answers = await Promise.all([post(body), post(body), post(body)]);
      const parsed = await Promise.all(
        answers.map(async (r) => ({ status: r.status, body: (await r.json()) as Answer })),
      );
      expect(parsed.map((p) => p.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(parsed.map((p) => p.body.deployment.id)).size).toBe(1);
      expect(await db.deployment.count({ where: { service: 'billing' } })).toBe(1);
    });

    it('refuses callers without the ingest permission, and never stores for them', async () => {
      const before = await stored();
      const body = { service: 'shop-api', version: 'v9' };
      expect((await post(body, null)).status).toBe(401);
      expect((await post(body, 'obs_not_a_real_key_000000000000000')).status).toBe(401);
      // An admin key reads; it does not write markers.
      expect((await post(body, keys.admin)).status).toBe(403);
      expect(await stored()).toBe(before);
      // Another project's ingest key writes into its own project only.
      expect((await post({ service: 'other-api', version: 'v1' }, keys.otherIngest)).status).toBe(201);
      expect(await db.deployment.count({ where: { projectId: ids.other } })).toBe(1);
      expect(await db.deployment.count({ where: { projectId: ids.shop, service: 'other-api' } })).toBe(0);
    });

    it('answers malformed, oversized and hostile bodies with a 4xx naming the problem, storing nothing', async () => {
      const before = await stored();
      const cases: [unknown, number, RegExp][] = [
        ['{"service":', 400, /JSON/i],
        ['[]', 422, /object/],
        [{ version: 'v1' }, 422, /service is required/],
        [{ service: 'shop-api' }, 422, /version is required/],
        [{ service: 'shop-api', version: '' }, 422, /version must not be empty/],
        [{ service: 'shop-api', version: '   ' }, 422, /version must not be empty/],
        [{ service: 'shop-api', version: 'x'.repeat(101) }, 422, /version must be at most 100/],
        [{ service: 'shop-api', version: 'v1\u0000' }, 422, /version must not contain control characters/],
        [{ service: 'shop-api', version: 'v1\u202e' }, 422, /version must not contain control characters/],
        [{ service: 'shop-api', version: 42 }, 422, /version must be a string/],
        [{ service: '../etc/passwd', version: 'v1' }, 422, /service must start with a letter/],
        [{ service: 'shop api', version: 'v1' }, 422, /service may contain only/],
        [{ service: 's'.repeat(101), version: 'v1' }, 422, /service must be at most 100/],
        [{ service: 'shop-api', version: 'v1', environment: 'prod uction' }, 422, /environment may contain only/],
        [{ service: 'shop-api', version: 'v1', commit: 'not-a-sha' }, 422, /commit must be 7 to 64 hexadecimal/],
        [{ service: 'shop-api', version: 'v1', commit: 'abc' }, 422, /commit must be 7 to 64/],
        [{ service: 'shop-api', version: 'v1', ts: Math.floor(Date.now() / 1000) }, 422, /looks like seconds/],
        [{ service: 'shop-api', version: 'v1', ts: Date.now() + 3_600_000 }, 422, /in the future/],
        [{ service: 'shop-api', version: 'v1', ts: '2026-13-45T99:00:00Z' }, 422, /ts/],
        [{ service: 'shop-api', version: 'v1', ts: 1e300 }, 422, /ts/],
        [{ service: 'shop-api', version: 'v1', url: 'https://x' }, 422, /unknown field "url"/],
        ['{"service":"shop-api","version":"v1","__proto__":{"admin":true}}', 422, /unknown field/],
        ['{"service":"shop-api","version":"v1","version":"v2"}', 400, /duplicate/i],
        [{ service: 'shop-api', version: 'v1', padding: 'x'.repeat(5_000) }, 413, /request body exceeds 4096 bytes/],
      ];
      for (const [body, status, message] of cases) {
        const res = await post(body);
        const text = await res.text();
        expect(res.status, `${JSON.stringify(body).slice(0, 80)} → ${text}`).toBe(status);
        expect(messageOf(text), JSON.stringify(body).slice(0, 80)).toMatch(message);
      }
      expect(
        (await post({ service: 'shop-api', version: 'v1' }, keys.ingest, { 'content-type': 'text/plain' })).status,
      ).toBe(415);
      expect(await stored()).toBe(before);
    });

    it('lists a project’s markers newest first within its filters, to its own readers only', async () => {
      const res = await list('shop');
      expect(res.status, await res.clone().text()).toBe(200);
      const { deployments } = (await res.json()) as { deployments: Deployment[] };
      expect(deployments.map((d) => `${d.service} ${d.version} ${d.environment}`)).toEqual([
        'billing 2026.12.07-1 production',
        'shop-api v1.4.0 production',
        'shop-api v1.4.0 staging',
      ]);
      const at = (d: Deployment[]) => d.map((x) => x.at);
      expect(at(deployments)).toEqual([...at(deployments)].sort((a, b) => b - a));
      const only = async (query: string) =>
        ((await (await list('shop', query)).json()) as { deployments: Deployment[] }).deployments;
      expect((await only('service=billing')).map((d) => d.service)).toEqual(['billing']);
      expect((await only('environment=staging')).map((d) => d.environment)).toEqual(['staging']);
      expect(await only('limit=1')).toHaveLength(1);
      const shopAt = deployments[1]!.at;
      expect((await only(`from=${shopAt}&to=${shopAt + 1}`)).map((d) => d.id)).toEqual([deployments[1]!.id]);
      for (const [query, message] of [
        ['limit=0', /limit must be a whole number from 1 to 500/],
        ['limit=501', /limit must be a whole number from 1 to 500/],
        ['limit=1e3', /limit/],
        ['service=%00', /service/],
        ['from=yesterday', /from must be a time/],
        [`from=${shopAt}&to=${shopAt}`, /from must be before to/],
        ['sort=at', /unknown field "sort"/],
      ] as const) {
        const bad = await list('shop', query);
        expect(bad.status, query).toBe(422);
        expect(messageOf(await bad.text()), query).toMatch(message);
      }
      expect((await list('shop', '', keys.otherAdmin)).status).toBe(403);
      expect((await list('shop', '', keys.ingest)).status).toBe(403);
      expect((await list('nope', '', keys.admin)).status).toBe(404);
    });

    it('draws each marker on the charts as an instant linked to its service’s routes around it', async () => {
      const from = Date.now() - 6 * HOUR;
      const to = Date.now();
      const res = await ANNOTATIONS(
        new Request(`${ORIGIN}/api/v1/query/annotations?project=shop&from=${from}&to=${to}`, {
          headers: { host: 'localhost:3000', 'x-api-key': keys.admin },
        }),
      );
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as Annotations;
      const deploys = body.annotations.filter((a) => a.kind === 'deploy');
      expect(deploys.map((a) => a.title).sort()).toEqual([
        'billing 2026.12.07-1',
        'shop-api v1.4.0',
        'shop-api v1.4.0 (staging)',
      ]);
      for (const a of deploys) {
        expect(a.from).toBe(a.to);
        expect(a.startedAt).toBe(a.from);
        expect(a.endedAt).toBe(a.from);
        expect(a.severity).toBe('info');
        const href = new URL(a.href, ORIGIN);
        expect(href.pathname).toBe('/endpoints');
        expect(href.searchParams.get('project')).toBe(ids.shop);
        expect(Date.parse(href.searchParams.get('from')!)).toBe(a.from - 3 * HOUR);
        expect(Date.parse(href.searchParams.get('to')!)).toBe(a.from + 3 * HOUR);
      }
      expect(
        new URL(deploys.find((a) => a.title.startsWith('billing'))!.href, ORIGIN).searchParams.get('service'),
      ).toBe('billing');
      // Another project's marker is not drawn here; one outside the range is not either.
      expect(body.annotations.some((a) => a.title.startsWith('other-api'))).toBe(false);
      const narrow = await ANNOTATIONS(
        new Request(`${ORIGIN}/api/v1/query/annotations?project=shop&from=${to - 10 * 60_000}&to=${to}`, {
          headers: { host: 'localhost:3000', 'x-api-key': keys.admin },
        }),
      );
      expect(((await narrow.json()) as Annotations).annotations.filter((a) => a.kind === 'deploy')).toEqual([]);
    });

    it('goes with its project', async () => {
      const { deleteProject } = await import('@/lib/projects/store');
      await deleteProject(db, 'test', ids.other);
      expect(await db.deployment.count({ where: { projectId: ids.other } })).toBe(0);
    });
  });
}
