/**
 * The zod-free reading of POST /api/v1/metrics must accept nothing the zod schema refuses and
 * build exactly what it builds, and must take the common case itself (or it saves nothing).
 * Checked on thousands of generated points mixing valid and hostile fields, and on every
 * metrics payload of the HTTP hostile suite.
 */
import { describe, expect, it } from 'vitest';
import { fastMetricsBody } from '@/lib/ingest/fast-metrics';
import { metricsBody } from '@/lib/ingest/schema';
import { HOSTILE_CASES } from '../helpers/hostile-ingest';
import { Random } from '@/lib/random';

const NOW = Date.UTC(2026, 10, 23, 12);
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

const POOLS: Record<string, unknown[]> = {
  name: [
    'cpu',
    'http.server.duration',
    'a:b-c_d.e',
    'x'.repeat(200),
    'x'.repeat(201),
    '1abc',
    '_a',
    'a b',
    '',
    'é',
    5,
    null,
    undefined,
    ['cpu'],
  ],
  value: [0, -0, 1.5, -1, 1e15, -1e15, 1e15 + 2, -1e15 - 2, 1e308, 'NaN', '1', null, true, undefined, [1], {}],
  kind: [undefined, 'gauge', 'counter', 'distribution', 'Gauge', 'histogram', '', null, 3],
  ts: [
    undefined,
    NOW,
    NOW / 1000,
    NOW * 1000,
    '2026-11-23T12:00:00Z',
    '2026-11-23T12:00:00.123+02:00',
    '2026-02-30T00:00:00Z',
    'yesterday',
    '',
    null,
    1e20,
    -1,
    '1700000000000',
    [NOW],
    {},
  ],
  unit: [undefined, 'ms', '%', 'By/s', 'm_s.x', '', 'x'.repeat(32), 'x'.repeat(33), 'm s', 'µs', null, 7],
  tags: [
    undefined,
    {},
    { route: '/a', method: 'GET' },
    { route: ' /a' },
    { route: '/a ' },
    { route: '\t' },
    { '1k': 'v' },
    { _k: 'v' },
    { 'a-b.c': 'v' },
    { 'k:v': 'v' },
    { k: '' },
    { k: 'a\u0000b' },
    { k: 'a\u200bb' },
    { k: 'a\ud800' },
    { k: '👍 ok' },
    { k: 'x'.repeat(200) },
    { k: 'x'.repeat(201) },
    { ['k'.repeat(64)]: 'v' },
    { ['k'.repeat(65)]: 'v' },
    manyTags(16),
    manyTags(17),
    JSON.parse('{"__proto__":"x"}'),
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    { constructor: 'x' },
    { prototype: 'x' },
    { k: 5 },
    { k: null },
    { k: ['v'] },
    [],
    null,
    'route=/a',
    { 'k\u202e': 'v' },
    { "k'; DROP TABLE": 'v' },
  ],
};

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

function agrees(body: unknown): boolean {
  // zod reads an untouched copy: the fast path fills the default kind into the body it is given.
  const slow = metricsBody.safeParse(structuredClone(body));
  const fast = fastMetricsBody(body);
  if (fast === null) return false;
  expect(slow.success, JSON.stringify(body).slice(0, 300)).toBe(true);
  expect(fast).toEqual(slow.data);
  return true;
}

describe('fastMetricsBody', () => {
  it('takes plainly valid bodies itself and builds what zod builds', () => {
    const valid = [
      { points: [{ name: 'cpu', value: 1 }] },
      { points: [{ name: 'latency', kind: 'distribution', unit: 'ms', value: 12.5, ts: NOW, tags: { route: '/a' } }] },
      { points: [{ name: 'orders', kind: 'counter', value: 3, ts: '2026-11-23T11:00:00Z' }] },
      { points: Array.from({ length: 5_000 }, (_, i) => ({ name: 'm', value: i, tags: manyTags(16) })) },
    ];
    for (const body of valid) expect(agrees(body)).toBe(true);
  });

  it('never accepts what zod refuses, nor builds anything else, over 20,000 generated points', () => {
    const rand = random(2026);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      // Mostly valid fields, so that single bad ones are tried against an otherwise valid point.
      const p: Record<string, unknown> = { name: 'cpu', value: 1 };
      for (const [field, pool] of Object.entries(POOLS)) {
        if (rand() < 0.3) {
          const v = pick(pool);
          if (v === undefined) delete p[field];
          else p[field] = v;
        }
      }
      if (rand() < 0.02) p.extra = 1;
      const points = rand() < 0.2 ? [p, { name: 'ok', value: 2 }] : [p];
      if (agrees({ points })) taken++;
    }
    // Most generated points are valid; the fast path must take them.
    expect(taken).toBeGreaterThan(5_000);
  });

  it('hands malformed bodies to zod', () => {
    for (const body of [null, [], 'points', {}, { points: [] }, { points: {} }, { points: [null] }, { points: [[]] }]) {
      expect(fastMetricsBody(body)).toBeNull();
    }
    expect(fastMetricsBody({ points: [{ name: 'cpu', value: 1 }], extra: true })).toBeNull();
    expect(fastMetricsBody({ points: Array.from({ length: 5_001 }, () => ({ name: 'cpu', value: 1 })) })).toBeNull();
  });

  it('takes none of the HTTP hostile suite’s metrics payloads', () => {
    let checked = 0;
    for (const c of HOSTILE_CASES.filter((h) => h.endpoint === 'metrics' && h.status >= 400)) {
      const raw = c.body();
      if (typeof raw !== 'string') continue;
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        continue;
      }
      checked++;
      // Refused for their body (not their headers): zod refuses them too, so must the fast path.
      if (!metricsBody.safeParse(body).success) expect(fastMetricsBody(body), c.name).toBeNull();
    }
    expect(checked).toBeGreaterThan(30);
  });
});
