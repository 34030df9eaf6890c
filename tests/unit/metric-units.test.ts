/**
 * What a series' unit means for a ratio: `1` is 0-1, `%` is 0-100, anything else is no ratio;
 * conversions between them (exact where people type thresholds), the factor the Observatory
 * view scales rows by, and the unit a series sent without one is read in.
 */
import { describe, expect, it } from 'vitest';
import {
  BUSINESS_METRICS,
  catalogueUnit,
  convertRatio,
  INFRASTRUCTURE_METRICS,
  isRatioUnit,
  RED_METRICS,
  ratioFactor,
  seriesUnit,
  toFraction,
  unitFactor,
  WEB_VITALS,
} from '@/lib/metrics';

describe('ratio units', () => {
  it('are `1` and `%` only, exactly as written', () => {
    expect(isRatioUnit('1')).toBe(true);
    expect(isRatioUnit('%')).toBe(true);
    for (const other of [
      'percent',
      'PERCENT',
      'ratio',
      '%%',
      ' %',
      '1 ',
      '01',
      '100',
      '',
      'ms',
      'By',
      null,
      undefined,
    ]) {
      expect(isRatioUnit(other), String(other)).toBe(false);
    }
  });

  it('convert between 0-1 and 0-100', () => {
    expect(convertRatio(0.026, '1', '%')).toBeCloseTo(2.6, 12);
    expect(convertRatio(2.6, '%', '1')).toBeCloseTo(0.026, 12);
    expect(convertRatio(0.5, '1', '1')).toBe(0.5);
    expect(convertRatio(50, '%', '%')).toBe(50);
    expect(toFraction(42, '%')).toBe(0.42);
    expect(toFraction(0.42, '1')).toBe(0.42);
    expect(ratioFactor('1', '%')).toBe(100);
    expect(ratioFactor('%', '1')).toBe(0.01);
  });

  it('turn a threshold people type in % into exactly the 0-1 value a series holds', () => {
    // 57 * 0.01 is 0.5700000000000001: a value of 0.57 must compare equal to "57 %".
    expect(57 * 0.01).not.toBe(0.57);
    for (const [pct, fraction] of [
      [1, 0.01],
      [5, 0.05],
      [7, 0.07],
      [29, 0.29],
      [57, 0.57],
      [99, 0.99],
    ] as const) {
      expect(convertRatio(pct, '%', '1')).toBe(fraction);
    }
  });

  it('pass hostile numbers through without inventing values', () => {
    expect(convertRatio(Number.NaN, '1', '%')).toBeNaN();
    expect(convertRatio(-0.25, '1', '%')).toBe(-25);
    expect(convertRatio(-25, '%', '1')).toBe(-0.25);
    expect(convertRatio(1e15, '%', '1')).toBe(1e13);
    expect(convertRatio(Number.MAX_VALUE, '1', '%')).toBe(Infinity);
    expect(convertRatio(Infinity, '%', '1')).toBe(Infinity);
    expect(convertRatio(0, '1', '%')).toBe(0);
  });

  it('scale only between ratio units', () => {
    expect(unitFactor('1', '%')).toBe(100);
    expect(unitFactor('%', '%')).toBe(1);
    expect(unitFactor('%', '1')).toBe(0.01);
    expect(unitFactor('ms', '%')).toBe(1);
    expect(unitFactor('1', 'By')).toBe(1);
    expect(unitFactor(null, '%')).toBe(1);
    expect(unitFactor('percent', '%')).toBe(1);
  });
});

describe('the catalogue units', () => {
  it('name a unit for every metric Observatory knows, and none for others', () => {
    expect(catalogueUnit(RED_METRICS.duration)).toBe('ms');
    expect(catalogueUnit(RED_METRICS.requests)).toBeNull();
    expect(catalogueUnit(RED_METRICS.responseSize)).toBe('By');
    expect(catalogueUnit(WEB_VITALS.LCP.metric)).toBe('ms');
    expect(catalogueUnit(WEB_VITALS.CLS.metric)).toBeNull();
    for (const m of [...INFRASTRUCTURE_METRICS, ...BUSINESS_METRICS]) {
      for (const name of m.names) expect(catalogueUnit(name), name).toBe(m.unit);
    }
    expect(catalogueUnit('checkout.duration')).toBeUndefined();
    expect(catalogueUnit('__proto__')).toBeUndefined();
    expect(catalogueUnit('constructor')).toBeUndefined();
  });

  it('read the known ratios as % when a series states no unit: how they were always shown', () => {
    for (const name of [
      'system.cpu.utilization',
      'process.cpu.utilization',
      'cache.hit_ratio',
      'cdn.hit_ratio',
      'business.conversion_rate',
      'business.bounce_rate',
    ]) {
      expect(seriesUnit(name, null), name).toBe('%');
      expect(seriesUnit(name, '1'), name).toBe('1');
    }
    expect(seriesUnit('business.conversion_rate', 'percent')).toBe('percent');
    expect(seriesUnit('my.ratio', null)).toBeNull();
    expect(seriesUnit('my.ratio', undefined)).toBeNull();
    expect(seriesUnit('my.ratio', '1')).toBe('1');
  });
});
