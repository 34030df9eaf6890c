/**
 * An alert links to the view that shows its metric over the time it fired
 * (components/alerts/evidence.ts): the route's page, the Endpoints list searched for its route,
 * Web Vitals with its page and device, or the Observatory.
 */
import { describe, expect, it } from 'vitest';
import { evidenceFor } from '@/components/alerts/evidence';
import { RED_METRICS } from '@/lib/metrics/red';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 6, 10, 30, 17);
const params = (href: string) => Object.fromEntries(new URL(href, 'http://x').searchParams);

describe('alert evidence links', () => {
  it('opens the route’s page from an hour before it fired to a quarter of an hour after it resolved', () => {
    const rule = { metric: RED_METRICS.duration, filters: { service: 'shop', method: 'POST', route: '/orders/[id]' } };
    const { href, label } = evidenceFor(rule, 'demo', { from: T, to: T + HOUR, now: T + 5 * HOUR });
    expect(href.startsWith('/endpoints/route?')).toBe(true);
    expect(params(href)).toEqual({
      project: 'demo',
      period: 'custom',
      from: new Date(Date.UTC(2026, 11, 6, 9, 30)).toISOString(),
      to: new Date(Date.UTC(2026, 11, 6, 11, 46)).toISOString(),
      service: 'shop',
      method: 'POST',
      route: '/orders/[id]',
    });
    expect(label).toBe('POST /orders/[id] at the time');
  });

  it('runs to now while it fires, and searches the Endpoints list when the rule names a route alone', () => {
    const rule = { metric: RED_METRICS.errors, filters: { route: '/checkout' } };
    const { href } = evidenceFor(rule, 'demo', { from: T, to: null, now: T + 10 * 60_000 });
    expect(href.startsWith('/endpoints?')).toBe(true);
    const p = params(href);
    expect(p.q).toBe('/checkout');
    expect(Date.parse(p.to!)).toBe(Date.UTC(2026, 11, 6, 10, 41));
  });

  it('opens Web Vitals with the page and a known device, and the Observatory for anything else', () => {
    const vital = evidenceFor({ metric: 'web_vitals.lcp', filters: { route: '/cart', device: 'phone' } }, 'demo', {
      from: T,
      to: T + HOUR,
      now: T + 2 * HOUR,
    });
    expect(vital.href.startsWith('/web-vitals?')).toBe(true);
    expect(params(vital.href).route).toBe('/cart');
    expect(params(vital.href).device).toBeUndefined();
    for (const rule of [
      { metric: 'system.cpu.utilization', filters: {} },
      { metric: RED_METRICS.duration, filters: {} },
    ]) {
      const other = evidenceFor(rule, 'shop', { from: T, to: T + HOUR, now: T + 2 * HOUR });
      expect(other.href.startsWith('/?')).toBe(true);
      expect(params(other.href).project).toBe('shop');
    }
  });
});
