/**
 * The zod-free reading of POST /api/v1/vitals must accept nothing the zod schema refuses and
 * build exactly what it builds, and must take the tracker's ordinary beacons itself (or it saves
 * nothing). Checked on thousands of generated beacons mixing valid and hostile fields, and on
 * every body of the HTTP hostile suite.
 */
import { describe, expect, it } from 'vitest';
import { fastBeacon } from '@/lib/vitals/fast';
import { beaconBody } from '@/lib/vitals/schema';
import { Random } from '@/lib/random';
import { BEACON_CASES, beacon, fiveVitals } from '../helpers/hostile-beacons';

const SITE = 'Ab12Cd34Ef56';

const TEXTS = [
  'img.hero',
  'button#buy',
  ' padded',
  'padded ',
  '',
  'x'.repeat(300),
  'x'.repeat(301),
  'a\u0000b',
  'a\u200bb',
  'a\ud800',
  '👍',
  5,
  null,
  ['x'],
];

const EVENT_POOLS: Record<string, unknown[]> = {
  name: ['LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'FID', 'lcp', '', null, 3],
  value: [0, -0, 0.1, 99.9, 100, 100.5, 60_000, 60_000.5, -1, '1200', null, true, [1], {}],
  rating: [undefined, 'good', 'needs-improvement', 'poor', 'bad', 'Good', '', null],
  navigation: [undefined, 'navigate', 'reload', 'back-forward-cache', 'soft-navigation', 'push', '', 7],
  path: [
    '/',
    '/a/b?q=1',
    'a',
    '',
    ' /a',
    '/a\u0000',
    '/a\u202e',
    '/a\udc00',
    '/'.repeat(1_001),
    '/'.repeat(1_000),
    5,
    null,
  ],
  route: [undefined, '/products/[id]', '/'.repeat(200), '/'.repeat(201), 'x', '/\n', null],
  attribution: [
    undefined,
    {},
    { target: 'img.hero', url: 'https://cdn.example/hero.jpg' },
    { interaction: 'pointer', inputDelay: 3, processing: 40, presentation: 12 },
    { interaction: 'touch' },
    { inputDelay: -1 },
    { processing: 60_001 },
    { presentation: '5' },
    { extra: 1 },
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    null,
    [],
    'img',
  ],
};

const BODY_POOLS: Record<string, unknown[]> = {
  site: [SITE, 'short', 'x'.repeat(33), 'Zz9Zz9Zz9Zz9', `x' OR '1'='1`, 12345678, null],
  page: ['p4g3-load_id', 'short', 'x'.repeat(64), 'x'.repeat(65), 'has space!', 7, null],
  device: ['mobile', 'tablet', 'desktop', 'Desktop', 'tv', '', null],
  connection: [undefined, '4g', '3g', 'slow-2g', '5g', 'wifi', null],
};

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

function agrees(body: unknown): boolean {
  const slow = beaconBody.safeParse(structuredClone(body));
  const fast = fastBeacon(body);
  if (fast === null) return false;
  expect(slow.success, JSON.stringify(body).slice(0, 300)).toBe(true);
  expect(fast).toEqual(slow.data);
  return true;
}

describe('fastBeacon', () => {
  it('takes the tracker’s beacons itself and builds what zod builds', () => {
    const valid = [
      beacon(SITE),
      beacon(SITE, fiveVitals('/products/123', { route: '/products/[id]' })),
      beacon(SITE, [{ name: 'CLS', value: 100, path: '/' }], { connection: '3g' }),
      beacon(SITE, [
        {
          name: 'INP',
          value: 480,
          rating: 'poor',
          path: '/cart',
          attribution: {
            target: 'button#buy',
            interaction: 'pointer',
            inputDelay: 8,
            processing: 300,
            presentation: 20,
          },
        },
      ]),
      beacon(
        SITE,
        Array.from({ length: 60 }, () => ({ name: 'LCP', value: 1, path: '/' })),
      ),
    ];
    for (const body of valid) expect(agrees(JSON.parse(JSON.stringify(body)))).toBe(true);
  });

  it('never accepts what zod refuses, nor builds anything else, over 20,000 generated beacons', () => {
    const rand = random(2027);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
    const mutate = (target: Record<string, unknown>, pools: Record<string, unknown[]>, p: number) => {
      for (const [field, pool] of Object.entries(pools)) {
        if (rand() < p) {
          const v = pick(pool);
          if (v === undefined) delete target[field];
          else target[field] = v;
        }
      }
    };
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      // Mostly valid fields, so that single bad ones are tried against an otherwise valid beacon.
      const event: Record<string, unknown> = { name: 'LCP', value: 1200, path: '/a' };
      mutate(event, EVENT_POOLS, 0.15);
      if (
        rand() < 0.1 &&
        typeof event.attribution === 'object' &&
        event.attribution &&
        !Array.isArray(event.attribution)
      )
        (event.attribution as Record<string, unknown>).target = pick(TEXTS);
      if (rand() < 0.02) event.extra = 1;
      const body: Record<string, unknown> = { site: SITE, page: 'p4g3-load_id', device: 'mobile' };
      mutate(body, BODY_POOLS, 0.05);
      body.events = rand() < 0.2 ? [{ name: 'FCP', value: 800, path: '/' }, event] : [event];
      if (rand() < 0.01) body.extra = true;
      if (agrees(body)) taken++;
    }
    expect(taken).toBeGreaterThan(5_000);
  });

  it('hands malformed bodies to zod', () => {
    for (const body of [null, [], 'beacon', {}, { site: SITE }, { ...beacon(SITE), events: [] }]) {
      expect(fastBeacon(body)).toBeNull();
    }
    expect(fastBeacon({ ...beacon(SITE), events: Array.from({ length: 61 }, () => fiveVitals()[0]) })).toBeNull();
  });

  it('takes none of the HTTP hostile suite’s bodies that zod refuses', () => {
    let checked = 0;
    for (const c of BEACON_CASES) {
      const raw = c.body(SITE);
      if (typeof raw !== 'string') continue;
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        continue;
      }
      checked++;
      // zod reads its own copy (a deeply nested body is too deep for structuredClone).
      if (!beaconBody.safeParse(JSON.parse(raw)).success) expect(fastBeacon(body), c.name).toBeNull();
    }
    expect(checked).toBeGreaterThan(30);
  });
});
