/**
 * The beacon endpoint's pure parts: the in-memory site cache (no database read per beacon, yet
 * changes and new projects seen soon), the drop counters (written as counter points, bounded), bot
 * detection, and how a beacon becomes rows.
 */
import { describe, expect, it } from 'vitest';
import type { IngestPoint } from '@/lib/ingest/writer';
import { isBot } from '@/lib/vitals/bots';
import { BeaconCounters } from '@/lib/vitals/counters';
import { beaconRows, withoutQuery } from '@/lib/vitals/rows';
import { beaconBody } from '@/lib/vitals/schema';
import { SiteCache, type SiteRow } from '@/lib/vitals/sites';
import { BROWSER_UA, beacon, fiveVitals } from '../helpers/hostile-beacons';

function cacheOver(rows: SiteRow[]) {
  let now = 1_000_000;
  let loads = 0;
  const cache = new SiteCache(
    async () => {
      loads += 1;
      return rows.map((r) => ({ ...r }));
    },
    10_000,
    1_000,
    () => now,
  );
  return { cache, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('SiteCache', () => {
  const shop: SiteRow = { id: 'p1', siteId: 'SiteShop0001', allowedOrigins: ['https://shop.example'] };

  it('answers from memory: one load for many lookups, concurrent ones included', async () => {
    const { cache, loads } = cacheOver([shop]);
    const sites = await Promise.all(Array.from({ length: 50 }, () => cache.get('SiteShop0001')));
    expect(sites.every((s) => s?.projectId === 'p1' && s.origins.has('https://shop.example'))).toBe(true);
    expect(await cache.anyAllows('https://shop.example')).toBe(true);
    expect(await cache.anyAllows('https://evil.example')).toBe(false);
    expect(loads()).toBe(1);
  });

  it('reloads for unknown site ids at most once a second', async () => {
    const rows = [shop];
    const { cache, loads, advance } = cacheOver(rows);
    expect(await cache.get('Unknown00001')).toBeNull();
    for (let i = 0; i < 100; i++) expect(await cache.get(`Unknown${String(i).padStart(5, '0')}`)).toBeNull();
    expect(loads()).toBe(1);
    rows.push({ id: 'p2', siteId: 'SiteNew00001', allowedOrigins: [] });
    advance(1_001);
    expect((await cache.get('SiteNew00001'))?.projectId).toBe('p2');
    expect(loads()).toBe(2);
  });

  it('serves a stale copy while reloading after the TTL, and forgets it on invalidate()', async () => {
    const rows = [shop];
    const { cache, loads, advance } = cacheOver(rows);
    await cache.get('SiteShop0001');
    rows[0] = { ...shop, allowedOrigins: ['https://new.example'] };
    advance(10_001);
    expect((await cache.get('SiteShop0001'))?.origins.has('https://shop.example')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('SiteShop0001'))?.origins.has('https://new.example')).toBe(true);
    rows[0] = { ...shop, allowedOrigins: [] };
    cache.invalidate();
    expect((await cache.get('SiteShop0001'))?.origins.size).toBe(0);
    expect(loads()).toBe(3);
  });
});

describe('BeaconCounters', () => {
  it('writes counts per project and reason as counter points, then starts again from zero', async () => {
    const written: [string, IngestPoint[]][] = [];
    const counters = new BeaconCounters(
      async (projectId, points) => void written.push([projectId, points]),
      60_000,
      () => 42,
    );
    counters.add('p1', 'bot');
    counters.add('p1', 'bot');
    counters.add('p1', 'accepted', 3);
    counters.add('p2', 'rate_limited');
    await counters.flush();
    counters.stop();
    expect(written).toEqual([
      [
        'p1',
        [
          {
            name: 'observatory.beacons.dropped',
            kind: 'counter',
            unit: null,
            tags: { reason: 'bot' },
            ts: 42,
            value: 2,
          },
          { name: 'observatory.beacons.accepted', kind: 'counter', unit: null, tags: {}, ts: 42, value: 3 },
        ],
      ],
      [
        'p2',
        [
          {
            name: 'observatory.beacons.dropped',
            kind: 'counter',
            unit: null,
            tags: { reason: 'rate_limited' },
            ts: 42,
            value: 1,
          },
        ],
      ],
    ]);
    await counters.flush();
    expect(written).toHaveLength(2);
  });

  it('loses counts rather than failing when the write fails', async () => {
    const counters = new BeaconCounters(() => Promise.reject(new Error('storage down')), 60_000);
    counters.add('p1', 'invalid');
    await expect(counters.flush()).resolves.toBeUndefined();
    counters.stop();
  });
});

describe('isBot', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome-Lighthouse',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'curl/8.5.0',
    'python-requests/2.32.3',
    '',
  ])('%s is a bot', (ua) => expect(isBot(ua)).toBe(true));

  it('missing user agents are bots; browsers are not', () => {
    expect(isBot(null)).toBe(true);
    expect(isBot(BROWSER_UA)).toBe(false);
    expect(
      isBot(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe(false);
    expect(isBot('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(false);
  });
});

describe('beaconRows', () => {
  it('stores each vital by route template and device only, and attribution for vitals not rated good', () => {
    const body = beaconBody.parse(
      beacon('SiteShop0001', [
        ...fiveVitals('/orders/9f8e7d6c5b4a39281706f5e4d3c2b1a0'),
        {
          name: 'CLS',
          value: 0.3,
          path: '/p/1',
          route: '/p/[slug]',
          attribution: { target: 'div.ad' },
        },
        { name: 'LCP', value: 900, path: '/p/1', attribution: { target: 'img', url: '/a.jpg#x' } },
      ]),
    );
    const { points, side } = beaconRows('p1', body, 7);
    expect(points.map((p) => [p.name, p.value, p.tags])).toEqual([
      ['web_vitals.ttfb', 212.4, { device: 'mobile', route: '/orders/[hash]' }],
      ['web_vitals.fcp', 801.2, { device: 'mobile', route: '/orders/[hash]' }],
      ['web_vitals.lcp', 1650.5, { device: 'mobile', route: '/orders/[hash]' }],
      ['web_vitals.cls', 0.042, { device: 'mobile', route: '/orders/[hash]' }],
      ['web_vitals.inp', 96, { device: 'mobile', route: '/orders/[hash]' }],
      ['web_vitals.cls', 0.3, { device: 'mobile', route: '/p/[slug]' }],
      ['web_vitals.lcp', 900, { device: 'mobile', route: '/p/[id]' }],
    ]);
    expect(points.every((p) => p.kind === 'distribution' && p.ts === 7)).toBe(true);
    expect(side.map((t) => [t.table, t.rows.length])).toEqual([
      ['PageActivity', 1],
      ['VitalSample', 1], // the poor CLS; the good LCP's attribution is not kept
    ]);
    expect(side[1]!.rows[0]!.slice(2, 9)).toEqual(['/p/[slug]', 'CLS', 0.3, 'mobile', null, '4g', 'div.ad']);
  });

  it('strips queries and fragments from resource URLs', () => {
    expect(withoutQuery('https://cdn.example/a.jpg?sig=abc#x')).toBe('https://cdn.example/a.jpg');
    expect(withoutQuery('/hero.webp#frag')).toBe('/hero.webp');
    expect(withoutQuery('/plain.png')).toBe('/plain.png');
  });
});
