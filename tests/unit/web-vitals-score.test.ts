import { describe, expect, it } from 'vitest';
import { performanceScore, SCORE_WEIGHTS, VITALS, vitalScore, WEB_VITALS } from '@/lib/metrics';
import { median } from '@/lib/queries/web-vitals';

describe('the performance score', () => {
  it('scores 0.9 at the good threshold and 0.5 at the poor one, on every vital', () => {
    for (const vital of VITALS) {
      const { good, poor } = WEB_VITALS[vital];
      expect(vitalScore(vital, good)).toBeCloseTo(0.9, 5);
      expect(vitalScore(vital, poor)).toBeCloseTo(0.5, 5);
      expect(vitalScore(vital, 0)).toBe(1);
      expect(vitalScore(vital, good / 10)).toBeGreaterThan(0.99);
      expect(vitalScore(vital, poor * 10)).toBeLessThan(0.01);
      // Worse values never score higher.
      expect(vitalScore(vital, good * 1.5)).toBeLessThan(vitalScore(vital, good));
    }
  });

  it('weights LCP 30, INP 30, CLS 15, FCP 15, TTFB 10 and leaves out vitals without values', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    const atGood = Object.fromEntries(VITALS.map((v) => [v, WEB_VITALS[v].good]));
    expect(performanceScore(atGood)).toBe(90);
    const atPoor = Object.fromEntries(VITALS.map((v) => [v, WEB_VITALS[v].poor]));
    expect(performanceScore(atPoor)).toBe(50);
    // LCP poor (0.5 × 30) and the rest good (0.9 × 70): 78.
    expect(performanceScore({ ...atGood, LCP: WEB_VITALS.LCP.poor })).toBe(78);
    // Without INP, the others' weights count alone: LCP poor (0.5 × 30) of 70 and the rest good (0.9 × 40).
    expect(performanceScore({ ...atGood, LCP: WEB_VITALS.LCP.poor, INP: null })).toBe(Math.round((15 + 36) / 0.7));
    expect(performanceScore({})).toBeNull();
  });

  it('takes the median of an odd and an even number of values', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
