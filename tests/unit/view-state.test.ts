import { describe, expect, it } from 'vitest';
import { pickProject } from '@/lib/views/projects';
import { DEFAULT_VIEW, parseViewState, periodKey, previousRange, resolveRange, serializeViewState } from '@/lib/views';

const NOW = Date.UTC(2026, 10, 24, 9, 30, 15);

describe('view state in the URL', () => {
  it('defaults to the last 24 hours, no comparison, the default project', () => {
    expect(parseViewState(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(parseViewState(undefined)).toEqual(DEFAULT_VIEW);
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
  });

  it('reads relative periods, compare and the project from either shape of search params', () => {
    const fromUrl = parseViewState(new URLSearchParams('period=7d&compare=1&project=shop'));
    const fromNext = parseViewState({ period: '7d', compare: 'true', project: ['shop', 'other'] });
    for (const state of [fromUrl, fromNext]) {
      expect(state).toEqual({ period: '7d', from: null, to: null, compare: true, project: 'shop' });
    }
  });

  it('reads a custom range in ms or ISO 8601 and writes it back as ISO', () => {
    const from = Date.UTC(2026, 10, 1);
    const to = Date.UTC(2026, 10, 2, 12);
    const state = parseViewState({ period: 'custom', from: String(from), to: new Date(to).toISOString() });
    expect(state).toMatchObject({ period: 'custom', from, to });
    const again = parseViewState(new URLSearchParams(serializeViewState(state)));
    expect(again).toEqual(state);
    expect(resolveRange(state, NOW)).toEqual({ from, to });
  });

  it('round-trips every relative period and keeps a view’s own params', () => {
    for (const period of ['1h', '24h', '7d', '30d'] as const) {
      const state = { ...DEFAULT_VIEW, period, compare: true, project: 'demo' };
      const qs = serializeViewState(state, { service: 'shop-api', method: null });
      expect(parseViewState(new URLSearchParams(qs))).toEqual(state);
      expect(new URLSearchParams(qs).get('service')).toBe('shop-api');
      expect(new URLSearchParams(qs).has('method')).toBe(false);
    }
  });

  it.each([
    ['unknown period', { period: '2w' }],
    ['period with spaces', { period: ' 1h' }],
    ['prototype key', { period: '__proto__' }],
    ['custom without times', { period: 'custom' }],
    ['custom with from after to', { period: 'custom', from: '2000', to: '1000' }],
    ['custom with equal times', { period: 'custom', from: '1000', to: '1000' }],
    ['custom with words', { period: 'custom', from: 'yesterday', to: 'now' }],
    ['custom with negative time', { period: 'custom', from: '-5', to: '1000' }],
    ['custom past 2100', { period: 'custom', from: '1000', to: '9999999999999' }],
    ['custom over 400 days', { period: 'custom', from: '0', to: String(401 * 86_400_000) }],
    ['custom with a huge string', { period: 'custom', from: '1'.repeat(10_000), to: '2'.repeat(10_000) }],
    ['custom with script', { period: 'custom', from: '<script>', to: '"><img>' }],
    ['custom with exponent', { period: 'custom', from: '1e3', to: '2e3' }],
  ])('falls back to the default period on %s', (_label, params) => {
    const state = parseViewState(params);
    expect(state.period).toBe('24h');
    expect(state.from).toBeNull();
    expect(state.to).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(101)],
    ['path traversal', '../../etc/passwd'],
    ['quotes and markup', '"><script>alert(1)</script>'],
    ['spaces only', '   '],
    ['unicode', 'prøject'],
    ['NUL', 'a\u0000b'],
  ])('ignores a hostile project (%s)', (_label, project) => {
    expect(parseViewState({ project }).project).toBeNull();
  });

  it('treats only 1 and true as comparing', () => {
    for (const compare of ['0', 'false', 'yes', '', 'TRUE ', '1'.repeat(1000)]) {
      expect(parseViewState({ compare }).compare).toBe(false);
    }
  });

  it('ignores inherited properties of a params object', () => {
    const params = Object.create({ period: '1h', project: 'inherited' }) as Record<string, string>;
    expect(parseViewState(params)).toEqual(DEFAULT_VIEW);
  });

  it('resolves a relative period to the range ending at the next whole minute', () => {
    const range = resolveRange({ period: '1h', from: null, to: null }, NOW);
    expect(range.to).toBe(Date.UTC(2026, 10, 24, 9, 31));
    expect(range.to - range.from).toBe(3_600_000);
    expect(resolveRange({ period: '30d', from: null, to: null }, NOW).from).toBe(range.to - 30 * 86_400_000);
    // A custom period missing its times behaves as the default.
    expect(resolveRange({ period: 'custom', from: null, to: null }, NOW).from).toBe(range.to - 86_400_000);
    expect(previousRange(range)).toEqual({ from: range.from - 3_600_000, to: range.from });
  });

  it('keys relative periods by name and custom ones by their times', () => {
    expect(periodKey({ ...DEFAULT_VIEW, period: '7d' })).toBe('7d');
    expect(periodKey({ ...DEFAULT_VIEW, period: 'custom', from: 1, to: 2 })).toBe('1-2');
  });
});

describe('the project a view shows', () => {
  const projects = [
    { id: 'observatory_self', slug: 'observatory', name: 'Observatory' },
    { id: 'p1', slug: 'empty', name: 'Empty' },
    { id: 'p2', slug: 'shop', name: 'Shop' },
  ];

  it('is the one named by slug or id', () => {
    expect(pickProject(projects, 'shop', new Set())?.id).toBe('p2');
    expect(pickProject(projects, 'observatory_self', new Set(['p2']))?.id).toBe('observatory_self');
  });

  it('defaults to the first project with data other than the built-in one', () => {
    expect(pickProject(projects, null, new Set(['observatory_self', 'p2']))?.id).toBe('p2');
    expect(pickProject(projects, 'missing', new Set(['p2']))?.id).toBe('p2');
    expect(pickProject(projects, null, new Set(['observatory_self']))?.id).toBe('p1');
    expect(pickProject(projects.slice(0, 1), null, new Set())?.id).toBe('observatory_self');
    expect(pickProject([], 'shop', new Set())).toBeNull();
  });
});
