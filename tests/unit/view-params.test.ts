/**
 * Each view's parameters from its one definition (lib/views): state → URL → state round trips;
 * a page reads hostile and malformed values as their defaults; the query route refuses the same
 * values with 422 naming the parameter; the request a state makes is what the route accepts, and
 * the route reads from it what the server's prefetch reads from the state.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseInput } from '@/lib/http/issues';
import { DEVICES, VITAL_PERCENTILE_CHOICES } from '@/lib/metrics';
import {
  DEFAULT_SORT,
  DEFAULT_VIEW,
  endpointsView,
  endpointView,
  MAX_RANGE_MS,
  observatoryView,
  PERIODS,
  webVitalsView,
  type View,
} from '@/lib/views';

const NOW = Date.UTC(2026, 10, 24, 9, 30, 15);
const DAY = 86_400_000;

function refusal(view: View, value: Record<string, unknown>): ApiError {
  try {
    parseInput(view.query, value, { prefix: 'invalid query: ' });
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(value).slice(0, 80)}`);
}

/** What each view needs to be complete: the detail page's three fields. */
const REQUIRED: Record<string, Record<string, string>> = {
  observatory: {},
  endpoints: {},
  'web-vitals': {},
  endpoint: { service: 'shop-api', method: 'GET', route: '/api/products/[id]' },
};

const VIEWS = [observatoryView, endpointsView, endpointView, webVitalsView] as unknown as View[];

/** Values no text parameter may hold: oversized, empty, control and format characters, long markup. */
const HOSTILE = [
  'x'.repeat(5000),
  'a\u0000b',
  '\u0007',
  '\u202e/admin',
  '/a\u2066b',
  '\u200b',
  '',
  '<script>alert(1)</script>'.repeat(20),
] as const;

describe.each(VIEWS.map((v) => [v.name, v] as const))('the %s view', (_name, view) => {
  const required = REQUIRED[view.name]!;
  const defaults = view.parse(required);

  it('reads an empty URL as the defaults, and writes the defaults as nothing', () => {
    expect(defaults).toMatchObject({ ...DEFAULT_VIEW, ...required });
    expect(view.search(defaults)).toBe(new URLSearchParams(required).toString());
  });

  it('round-trips every period, compare and project through the URL', () => {
    for (const period of PERIODS) {
      for (const compare of [false, true]) {
        const state = { ...defaults, period, compare, project: 'shop' };
        expect(view.parse(new URLSearchParams(view.search(state)))).toEqual(state);
      }
    }
    const custom = { ...defaults, period: 'custom' as const, from: NOW - 3 * DAY, to: NOW };
    const qs = view.search(custom);
    // Custom times are written as ISO 8601; relative periods stay names.
    expect(new URLSearchParams(qs).get('from')).toBe(new Date(NOW - 3 * DAY).toISOString());
    expect(view.parse(new URLSearchParams(qs))).toEqual(custom);
    expect(view.search({ ...defaults, period: '7d' })).toContain('period=7d');
  });

  it.each([
    ['unknown period', { period: '2w' }],
    ['custom without times', { period: 'custom' }],
    ['custom with from after to', { period: 'custom', from: '2000', to: '1000' }],
    ['custom with equal times', { period: 'custom', from: '1000', to: '1000' }],
    ['custom with NaN', { period: 'custom', from: 'NaN', to: '1000' }],
    ['custom with a negative time', { period: 'custom', from: '-5', to: '1000' }],
    ['custom past 2100', { period: 'custom', from: '1000', to: '99999999999999' }],
    ['custom past 2100 in ISO', { period: 'custom', from: '2026-01-01T00:00:00Z', to: '9999-01-01T00:00:00Z' }],
    ['custom over 400 days', { period: 'custom', from: '0', to: String(MAX_RANGE_MS + 1) }],
    ['custom with exponents', { period: 'custom', from: '1e3', to: '2e3' }],
    ['custom with a huge string', { period: 'custom', from: '1'.repeat(10_000), to: '2'.repeat(10_000) }],
    ['an array of bad periods', { period: ['2w', '1h'] }],
    ['an empty array', { period: [] as string[] }],
    ['compare not a flag', { compare: 'maybe' }],
    ['unknown params', { sql: "1' OR '1'='1", ['x'.repeat(3000)]: '1', 'tag.route': '/a' }],
    ['prototype keys', JSON.parse('{"__proto__":{"period":"1h"},"constructor":"1h"}') as Record<string, string>],
    ['inherited params', Object.create({ period: '1h', compare: '1' }) as Record<string, string>],
  ])('falls back to the defaults on %s', (_label, params) => {
    expect(view.parse({ ...required, ...params })).toEqual(defaults);
  });

  it.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))('ignores the project %s', (_label, project) => {
    expect(view.parse({ ...required, project }).project).toBeNull();
  });

  it.each([
    [{ from: 'NaN' }, /from: from must be a time/],
    [{ from: '-5' }, /from: from must be a time/],
    [{ to: '99999999999999' }, /to: to must be a time/],
    [{ to: '9999-01-01T00:00:00Z' }, /to: to must be a time/],
    [{ from: '1e3' }, /from: from must be a time/],
    [{ from: '1'.repeat(10_000) }, /from: from must be a time/],
    [{ from: ['1000', '2000'] }, /from/],
    [{ from: '2000', to: '1000' }, /from: from must be before to/],
    [{ from: '1000', to: '1000' }, /from: from must be before to/],
    [{ from: '0', to: String(MAX_RANGE_MS + 1) }, /from: the range can span at most 400 days/],
    [{ compare: 'maybe' }, /compare: compare must be 1, 0, true or false/],
    [{ compare: ['1', '0'] }, /compare/],
    [{ project: '' }, /project: project must not be empty/],
    [{ project: 'x'.repeat(5000) }, /project: project is too long/],
    [{ project: '\u202eevil' }, /project: project must be a project's slug or id/],
    [{ project: ['a', 'b'] }, /project: project must be given once/],
    [{ sql: "1' OR '1'='1" }, /sql: unknown parameter/],
    [{ period: '24h' }, /period: unknown parameter/],
    [{ ['<script>'.repeat(500)]: '1' }, /unknown parameter/],
  ])('the query route refuses %j with 422 naming it', (params, message) => {
    const err = refusal(view, { project: 'p', ...required, ...params });
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
    expect(err.message.length).toBeLessThan(300);
  });

  it('sends the query route a request it accepts, and the route reads what the prefetch reads', () => {
    const states = [
      defaults,
      { ...defaults, period: '7d' as const, compare: true },
      { ...defaults, period: 'custom' as const, from: NOW - 2 * DAY, to: NOW - DAY },
    ];
    for (const state of states) {
      const request = new URL(view.request('proj_1', state, NOW), 'http://localhost');
      expect(request.pathname).toBe(view.path);
      const parsed = parseInput(view.query, Object.fromEntries(request.searchParams));
      const read = view.read(state, NOW)!;
      expect(parsed.project).toBe('proj_1');
      expect(parsed.range).toEqual(read.range);
      expect(parsed.compare).toBe(read.compare);
      for (const name of Object.keys(view.fields)) {
        expect((parsed as Record<string, unknown>)[name] ?? null).toEqual((read as Record<string, unknown>)[name]);
      }
    }
  });

  it('keys the data by project, view and the period as written, the same at any time', () => {
    const state = { ...defaults, period: '1h' as const };
    const key = view.key('proj_1', state);
    expect(key.slice(0, 3)).toEqual(['data', 'proj_1', view.name]);
    expect(key[3]).toMatchObject({ period: '1h', compare: false });
    expect(view.key('proj_1', { ...state })).toEqual(key);
    // Page-only fields (a table's order) are not part of what the query reads.
    for (const name of Object.keys(view.pageFields)) expect(key[3]).not.toHaveProperty(name);
    expect(view.key('proj_1', { ...defaults, period: 'custom', from: 1_000, to: 2_000 })[3].period).toBe('1000-2000');
  });
});

describe('the Web Vitals view’s own parameters', () => {
  it('round-trip every percentile, device and a route template; p75 stays out of the URL', () => {
    for (const percentile of VITAL_PERCENTILE_CHOICES) {
      for (const device of [...DEVICES, null]) {
        const state = { ...webVitalsView.parse(null), percentile, device, route: '/products/[id]' };
        const qs = webVitalsView.search(state);
        expect(webVitalsView.parse(new URLSearchParams(qs))).toEqual(state);
        expect(qs.includes('percentile=')).toBe(percentile !== 'p75');
      }
    }
    expect(webVitalsView.write({ percentile: 'p75', route: null })).toEqual({ percentile: null, route: null });
  });

  it.each<[string, string]>([
    ...HOSTILE.map((v): [string, string] => ['route', v]),
    ['percentile', 'p50'],
    ['percentile', 'P95'],
    ['device', 'phone'],
  ])('reads %s=%j as its default on the page and refuses it on the query route', (name, value) => {
    const state = webVitalsView.parse({ [name]: value });
    expect(state).toEqual(webVitalsView.parse(null));
    const err = refusal(webVitalsView as unknown as View, { project: 'p', [name]: value });
    expect(err.status).toBe(422);
    expect(err.message).toMatch(new RegExp(`^invalid query: ${name}: ${name} `));
  });

  it('takes the first of repeated page params, and refuses repeated ones on the query route', () => {
    expect(webVitalsView.parse({ percentile: ['p90', 'p95'] }).percentile).toBe('p90');
    expect(webVitalsView.parse({ percentile: ['p50', 'p95'] }).percentile).toBe('p75');
    expect(refusal(webVitalsView as unknown as View, { project: 'p', device: ['mobile', 'desktop'] }).message).toMatch(
      /device/,
    );
  });
});

describe('the Endpoints view’s own parameters', () => {
  it('keeps the table’s order in the URL only, in the column’s natural direction unless reversed', () => {
    const base = endpointsView.parse(null);
    expect(base.sort).toEqual(DEFAULT_SORT);
    const p95 = { ...base, sort: { column: 'p95' as const, direction: 'descending' as const } };
    expect(endpointsView.search(p95)).toBe('sort=p95');
    const p95asc = { ...base, sort: { column: 'p95' as const, direction: 'ascending' as const } };
    expect(endpointsView.search(p95asc)).toBe('sort=p95.asc');
    const routeDesc = { ...base, sort: { column: 'route' as const, direction: 'descending' as const } };
    expect(endpointsView.search(routeDesc)).toBe('sort=route.desc');
    const searched = { ...base, q: '/orders/[id]', errors: true };
    expect(endpointsView.search(searched)).toBe('q=%2Forders%2F%5Bid%5D&errors=1');
    for (const state of [p95, p95asc, routeDesc, searched, { ...base, service: 'shop-api', method: 'POST' }]) {
      expect(endpointsView.parse(new URLSearchParams(endpointsView.search(state)))).toEqual(state);
    }
    expect(endpointsView.search(base)).toBe('');
    expect(refusal(endpointsView as unknown as View, { project: 'p', sort: 'p95' }).message).toMatch(
      /sort: unknown parameter/,
    );
  });

  it.each<[string, string]>([
    ...HOSTILE.flatMap((v): [string, string][] => [
      ['service', v],
      ['method', v],
      ['q', v],
    ]),
    ['q', 'x'.repeat(201)],
    ['errors', 'maybe'],
    ['errors', '1'.repeat(4000)],
    ['sort', 'P95'],
    ['sort', 'p95 '],
    ['sort', 'p95.up'],
    ['sort', '__proto__'],
  ])('reads %s=%j as its default', (name, value) => {
    expect(endpointsView.parse({ [name]: value })).toEqual(endpointsView.parse(null));
  });
});

describe('the route page’s parameters', () => {
  it('needs a service, a method and a route: without one the page reads nothing and the route refuses', () => {
    const full = REQUIRED.endpoint!;
    for (const name of Object.keys(full)) {
      const { [name]: _left, ...rest } = full;
      const state = endpointView.parse(rest);
      expect(state[name as keyof typeof state]).toBeNull();
      expect(endpointView.read(state)).toBeNull();
      expect(refusal(endpointView as unknown as View, { project: 'p', ...rest }).message).toMatch(new RegExp(name));
      const hostile = endpointView.parse({ ...full, [name]: '\u202e/x' });
      expect(hostile[name as keyof typeof hostile]).toBeNull();
    }
    expect(endpointView.read(endpointView.parse(full))).not.toBeNull();
  });
});
