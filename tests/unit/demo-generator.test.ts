/**
 * The demo generator alone: what it makes is what the ingestion routes accept, the same seed
 * makes the same data, and the incident lands inside any range.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ROUTES } from '@/lib/demo/catalog';
import { DemoGenerator, type RawPoint, type RawRequest } from '@/lib/demo/generate';
import { incidentWindow, INCIDENT_MINUTES } from '@/lib/demo/traffic';
import { metricsBody, normalizeRequests, requestsBody } from '@/lib/ingest/schema';

const DAY = 86_400_000;
const TO = Date.UTC(2026, 10, 24, 9, 0); // a Tuesday
const FROM = TO - DAY;

function day(seed: number) {
  const generator = new DemoGenerator(seed, incidentWindow(FROM, TO));
  const requests: RawRequest[] = [];
  const points: RawPoint[] = [];
  for (let minute = FROM; minute < TO; minute += 60_000) {
    const made = generator.minute(minute);
    requests.push(...made.requests);
    points.push(...made.points);
  }
  return { requests, points };
}

describe('demo generator', () => {
  const { requests, points } = day(1);
  // What a service would send: the weight (how many requests a record stands for) is the loader's own.
  const sent = requests.map(({ weight: _, ...r }) => r);

  it('makes only what POST /api/v1/requests and /api/v1/metrics accept', () => {
    expect(requests.length).toBeGreaterThan(3_000);
    expect(points.length).toBeGreaterThan(10_000);
    for (let i = 0; i < requests.length; i += 5_000) {
      const parsed = requestsBody.safeParse({ requests: sent.slice(i, i + 5_000) });
      expect(parsed.error?.issues.slice(0, 3)).toBeUndefined();
    }
    for (let i = 0; i < points.length; i += 5_000) {
      const parsed = metricsBody.safeParse({ points: points.slice(i, i + 5_000) });
      expect(parsed.error?.issues.slice(0, 3)).toBeUndefined();
    }
  });

  it('reports raw paths that ingestion turns into the catalog route templates', () => {
    const normalized = normalizeRequests(requestsBody.parse({ requests: sent.slice(0, 5_000) }), {
      now: TO,
      maxAgeMs: 30 * DAY,
    });
    expect(normalized.ok).toBe(true);
    const templates = new Set(normalized.ok ? normalized.requests.map((r) => r.route) : []);
    expect([...templates].sort()).toEqual([...new Set(DEMO_ROUTES.map((r) => r.template))].sort());
    expect(requests.some((r) => /^\/products\/\d+$/.test(r.route))).toBe(true);
  });

  it('writes a busy minute as a few requests with whole weights: tens of requests a second at the busiest hour', () => {
    const weights = requests.map((r) => r.weight ?? 1);
    expect(weights.every((w) => Number.isInteger(w) && w >= 1)).toBe(true);
    expect(requests.some((r) => r.weight !== undefined && r.weight > 10)).toBe(true);
    const perHour = new Map<number, number>();
    for (const r of requests)
      perHour.set(Math.floor(r.ts / 3_600_000), (perHour.get(Math.floor(r.ts / 3_600_000)) ?? 0) + (r.weight ?? 1));
    expect(Math.max(...perHour.values()) / 3_600).toBeGreaterThan(10);
  });

  it('makes the same data for the same seed, and other data for another', () => {
    expect(day(1)).toEqual({ requests, points });
    expect(day(2).requests.slice(0, 50)).not.toEqual(requests.slice(0, 50));
  });

  it('puts the 45-minute incident inside any range of a day or more', () => {
    for (let hour = 0; hour < 24; hour++) {
      const to = Date.UTC(2026, 10, 24, hour, 7);
      const window = incidentWindow(to - DAY, to);
      expect(window.to - window.from).toBe(INCIDENT_MINUTES * 60_000);
      expect(window.from).toBeGreaterThanOrEqual(to - DAY);
      expect(window.to).toBeLessThanOrEqual(to);
    }
  });
});
