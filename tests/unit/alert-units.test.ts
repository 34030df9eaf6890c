/**
 * Units in alert rules: the one list of statistics (with labels and what each yields) that the
 * schemas and the rule editor share; a threshold stated as a ratio (`thresholdUnit` `%` or `1`)
 * accepted where a ratio is compared and refused with a 422 naming the field elsewhere, or when
 * malformed; and values and thresholds in notifications shown in the rule's unit.
 */
import { describe, expect, it } from 'vitest';
import { summary, webhookPayload, type AlertView } from '@/lib/alerts/payloads';
import { newRule, ruleUpdate, STATISTICS } from '@/lib/alerts/rules';
import {
  formatRuleValue,
  REQUEST_STATISTICS,
  STATISTIC_INFO,
  STATISTIC_LIST,
  statisticUnit,
  takesRatioThreshold,
} from '@/lib/alerts/statistics';
import { ApiError } from '@/lib/http/errors';
import { parseInput } from '@/lib/http/issues';

function refusal(schema: Parameters<typeof parseInput>[0], input: unknown): ApiError {
  try {
    parseInput(schema, input, { prefix: 'invalid body: ' });
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(input).slice(0, 200)}`);
}

const conversion = {
  name: 'Conversion below 1%',
  metric: 'business.conversion_rate',
  statistic: 'avg',
  comparator: 'lt',
  threshold: 1,
  thresholdUnit: '%',
  severity: 'medium',
};

describe('the statistics list', () => {
  it('is one list, in the schema and the editor alike, each with a label and what it yields', () => {
    expect(STATISTIC_LIST.map((s) => s.key)).toEqual([...STATISTICS]);
    for (const s of STATISTIC_LIST) {
      expect(s.label.length, s.key).toBeGreaterThan(0);
      expect(STATISTIC_INFO[s.key]).toBe(s);
    }
    expect([...REQUEST_STATISTICS].sort()).toEqual(['apdex', 'availability', 'cache_hit_ratio', 'error_ratio']);
  });

  it('says which unit each statistic yields', () => {
    expect(statisticUnit('p95', 'ms')).toBe('ms');
    expect(statisticUnit('avg', '%')).toBe('%');
    expect(statisticUnit('max', null)).toBeNull();
    expect(statisticUnit('error_ratio', 'ms')).toBe('1');
    expect(statisticUnit('cache_hit_ratio', null)).toBe('1');
    expect(statisticUnit('rate', 'USD')).toBe('/s');
    expect(statisticUnit('count', '%')).toBeNull();
    expect(statisticUnit('apdex', null)).toBeNull();
    expect(statisticUnit('__proto__', '%')).toBeNull();
    expect(['rate', 'count', 'apdex', 'toString', ''].filter(takesRatioThreshold)).toEqual([]);
    expect(['avg', 'p50', 'error_ratio', 'availability'].every(takesRatioThreshold)).toBe(true);
  });
});

describe('ratio thresholds', () => {
  it('are accepted where a ratio is compared, and null by default (as the values come)', () => {
    expect(newRule.parse(conversion)).toMatchObject({ threshold: 1, thresholdUnit: '%' });
    expect(newRule.parse({ ...conversion, threshold: 0.01, thresholdUnit: '1' }).thresholdUnit).toBe('1');
    expect(newRule.parse({ ...conversion, thresholdUnit: null }).thresholdUnit).toBeNull();
    const { thresholdUnit: _omitted, ...plain } = conversion;
    expect(newRule.parse(plain).thresholdUnit).toBeNull();
    // A metric the catalogue does not know is checked against its series when evaluated.
    expect(newRule.parse({ ...conversion, metric: 'checkout.success_ratio', thresholdUnit: '1' }).metric).toBe(
      'checkout.success_ratio',
    );
    expect(
      newRule.parse({ ...conversion, statistic: 'error_ratio', comparator: 'gt', threshold: 5, thresholdUnit: '%' }),
    ).toMatchObject({ threshold: 5, thresholdUnit: '%' });
    expect(ruleUpdate.parse({ thresholdUnit: '%' })).toEqual({ thresholdUnit: '%' });
    expect(ruleUpdate.parse({ thresholdUnit: null })).toEqual({ thresholdUnit: null });
  });

  it.each([
    [{ ...conversion, thresholdUnit: 'percent' }, /thresholdUnit: must be "%" \(0-100\) or "1" \(0-1\)/],
    [{ ...conversion, thresholdUnit: '%%' }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: ' %' }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: '' }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: 1 }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: 100 }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: true }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: ['%'] }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: { $ne: null } }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: '%'.repeat(10_000) }, /thresholdUnit: must be "%"/],
    [{ ...conversion, thresholdUnit: '%\u0000' }, /thresholdUnit: must be "%"/],
    [{ ...conversion, statistic: 'rate' }, /thresholdUnit: rate is a rate per second, not a ratio/],
    [{ ...conversion, statistic: 'count' }, /thresholdUnit: count is a count, not a ratio/],
    [{ ...conversion, statistic: 'apdex' }, /thresholdUnit: apdex is a score, not a ratio/],
    [
      { ...conversion, metric: 'http.server.request.duration', statistic: 'p95' },
      /thresholdUnit: http.server.request.duration is measured in ms, not a ratio/,
    ],
    [{ ...conversion, metric: 'business.orders' }, /thresholdUnit: business.orders has no unit, not a ratio/],
    [{ ...conversion, type: 'burn_rate', slo: 0.999 }, /thresholdUnit: burn-rate rules have no threshold/],
    [
      { ...conversion, statistic: 'error_ratio', threshold: 150 },
      /threshold: error_ratio lies between 0 and 100 in "%"/,
    ],
    [
      { ...conversion, statistic: 'availability', threshold: 99, thresholdUnit: '1' },
      /threshold: availability lies between 0 and 1 in "1"/,
    ],
    [
      { ...conversion, statistic: 'cache_hit_ratio', threshold: -1 },
      /threshold: cache_hit_ratio lies between 0 and 100/,
    ],
  ])('refuses %j with 422 naming the field', (input, message) => {
    const err = refusal(newRule, input);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });

  it('refuses a malformed unit in an update too', () => {
    const err = refusal(ruleUpdate, { thresholdUnit: 'basis points' });
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/thresholdUnit: must be "%"/);
  });
});

describe('values in notifications', () => {
  const view: AlertView = {
    ruleId: 'r1',
    ruleName: 'Conversion below 1%',
    projectId: 'p1',
    projectSlug: 'shop',
    severity: 'medium',
    metric: 'business.conversion_rate',
    statistic: 'avg',
    comparator: 'lt',
    threshold: 1,
    thresholdUnit: '%',
    value: 0.78,
    startsAt: new Date(0),
    endsAt: null,
    url: 'https://observatory.example/alerts?rule=r1',
  };

  it('are in the rule’s unit: a percentage for a ratio threshold, the plain number otherwise', () => {
    expect(summary(view, 'firing')).toBe(
      '[FIRING] Conversion below 1% (shop, medium): avg of business.conversion_rate < 1%, value 0.78%',
    );
    const ratio = { ...view, threshold: 0.05, thresholdUnit: '1', value: 0.2, comparator: 'gt' };
    expect(summary(ratio, 'firing')).toMatch(/ > 5%, value 20%$/);
    expect(webhookPayload(ratio, 'firing', 'hook', 'https://o.example').commonAnnotations).toMatchObject({
      value: '20%',
      threshold: '5%',
    });
    const plain = { ...view, thresholdUnit: null, threshold: 0.01, value: 0.0078 };
    expect(summary(plain, 'firing')).toMatch(/ < 0.01, value 0.0078$/);
    expect(summary({ ...view, value: null }, 'resolved')).toMatch(/value no data$/);
  });

  it('format hostile values without breaking the text', () => {
    expect(formatRuleValue(Number.NaN, '%')).toBe('–');
    expect(formatRuleValue(-0.5, '1')).toBe('-50%');
    expect(formatRuleValue(1e300, '%')).toBe('1.00e+300%');
    expect(formatRuleValue(1234.5, null)).toBe('1235');
    expect(formatRuleValue(0.123456, 'percent')).toBe('0.1235');
  });
});
