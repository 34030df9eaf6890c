/**
 * What the alert routes accept: every body goes through these schemas (route() → parseInput),
 * so each malformed, oversized, mistyped or hostile input is a 422 naming its field; webhook
 * URLs to private, link-local and metadata addresses are refused by name.
 */
import { describe, expect, it } from 'vitest';
import { classifyAddress, parseAllowList, refuseUrl } from '@/lib/outbound';
import { DEFAULT_REPEAT_SEC, newChannel, newRule, newSilence, ruleUpdate, SEED_RULES } from '@/lib/alerts/rules';
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

const rule = {
  name: 'Checkout p95',
  metric: 'http.server.request.duration',
  statistic: 'p95',
  comparator: 'gt',
  threshold: 2000,
  severity: 'high',
};

describe('rules', () => {
  it('accepts a rule and fills the defaults', () => {
    const parsed = newRule.parse(rule);
    expect(parsed).toMatchObject({
      type: 'threshold',
      windowSec: 300,
      forSec: 0,
      noData: 'ok',
      enabled: true,
      channels: [],
      filters: {},
    });
    expect(parsed.repeatSec).toBeUndefined();
  });

  it.each([
    [{ ...rule, name: '' }, /name: must not be empty$/],
    [{ ...rule, name: '   ' }, /name: must not be empty$/],
    [{ ...rule, name: 'x'.repeat(121) }, /name: must be at most 120 characters/],
    [{ ...rule, name: 'bell\u0007' }, /name: must not contain control characters/],
    [{ ...rule, name: 42 }, /name: must be text/],
    [{ ...rule, metric: 'x\'; DROP TABLE "AlertRule";--' }, /metric: letters, digits/],
    [{ ...rule, metric: 'm'.repeat(201) }, /metric: must be at most 200 characters/],
    [{ ...rule, statistic: 'p42' }, /statistic: Invalid option/],
    [{ ...rule, comparator: '>' }, /comparator: Invalid option/],
    [{ ...rule, threshold: '2000' }, /threshold: must be a number/],
    [{ ...rule, threshold: 1e300 }, /threshold: must be from -1e12 to 1e12/],
    [{ ...rule, windowSec: 10 }, /windowSec: must be from 1 minute to 3 days/],
    [{ ...rule, windowSec: 60.5 }, /windowSec: must be a whole number of seconds/],
    [{ ...rule, forSec: -1 }, /forSec: must be from 0 minutes to 1 day/],
    [{ ...rule, severity: 'urgent' }, /severity: Invalid option/],
    [{ ...rule, noData: 'ignore' }, /noData: Invalid option/],
    [{ ...rule, repeatSec: 30 }, /repeatSec: must be from 1 minute to 7 days/],
    [{ ...rule, channels: ['../../etc'] }, /channels.0: must be an id/],
    [
      { ...rule, channels: Array.from({ length: 11 }, (_, i) => `channel${i}abc`) },
      /channels: at most 10 channels per rule/,
    ],
    [{ ...rule, filters: { route: 'x'.repeat(257) } }, /filters.route: Too big/i],
    [{ ...rule, filters: { 'bad key': 'x' } }, /filters.bad key: tag names/],
    [{ ...rule, filters: JSON.parse('{"__proto__": "x"}') as object }, /filters.__proto__: is not an allowed tag name/],
    [
      { ...rule, filters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) },
      /filters: at most 10/,
    ],
    [{ ...rule, type: 'burn_rate' }, /slo: burn-rate rules need an slo/],
    [{ ...rule, type: 'burn_rate', slo: 1 }, /slo: Too big/i],
    [{ ...rule, extra: true }, /Unrecognized key/],
    [JSON.parse('{"__proto__": {"admin": true}, "name": "x", "severity": "low"}') as object, /Unrecognized key/],
    [[rule], /expected object/],
    [null, /expected object/],
  ])('refuses %j with 422 naming the field', (input, message) => {
    const err = refusal(newRule, input);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^invalid body: /);
    expect(err.message).toMatch(message);
  });

  it('keeps SQL-looking text that is valid as it is (a name may contain quotes)', () => {
    expect(newRule.parse({ ...rule, name: 'Robert\'); DROP TABLE "AlertRule";--' }).name).toBe(
      'Robert\'); DROP TABLE "AlertRule";--',
    );
  });

  it('an update needs at least one field, and takes no unknown ones', () => {
    expect(refusal(ruleUpdate, {}).message).toMatch(/nothing to change/);
    expect(refusal(ruleUpdate, { state: 'firing' }).message).toMatch(/Unrecognized key/);
    expect(ruleUpdate.parse({ enabled: false })).toEqual({ enabled: false });
  });

  it('ships the default rules with the repeat intervals by severity', () => {
    expect(DEFAULT_REPEAT_SEC).toEqual({ critical: 300, high: 900, medium: 3600, low: 14_400 });
    const byKey = Object.fromEntries(SEED_RULES.map((s) => [s.seedKey, s]));
    expect(byKey['error-rate']).toMatchObject({
      statistic: 'error_ratio',
      comparator: 'gt',
      threshold: 0.05,
      thresholdUnit: '1',
      severity: 'critical',
      repeatSec: 300,
    });
    expect(byKey['latency-p95']).toMatchObject({
      statistic: 'p95',
      threshold: 2000,
      thresholdUnit: null,
      severity: 'high',
      repeatSec: 900,
    });
    expect(byKey['lcp-p75']).toMatchObject({ metric: 'web_vitals.lcp', threshold: 4000, severity: 'medium' });
    expect(byKey['cache-hit-rate']).toMatchObject({ comparator: 'lt', threshold: 0.5, thresholdUnit: '1' });
    expect(byKey['availability']).toMatchObject({ comparator: 'lt', threshold: 0.99, severity: 'critical' });
    // "Below 1 %", whichever unit the gauge is sent in (the evaluator converts).
    expect(byKey['conversion-rate']).toMatchObject({
      metric: 'business.conversion_rate',
      statistic: 'avg',
      comparator: 'lt',
      threshold: 1,
      thresholdUnit: '%',
      severity: 'medium',
    });
    for (const s of SEED_RULES) expect(() => newRule.parse({ ...s, seedKey: undefined })).toThrow(/Unrecognized key/);
  });
});

describe('channels', () => {
  it.each([
    [{ type: 'sms', name: 'x', to: '+1' }, /type: Invalid discriminator value/],
    [{ type: 'slack', name: 'x' }, /url: is required/],
    [{ type: 'slack', name: 'x', url: ' ' }, /url: must not be empty/],
    [
      { type: 'slack', name: 'x', url: 'https://hooks.slack.com/' + 'a'.repeat(2100) },
      /url: must be at most 2048 characters/,
    ],
    [{ type: 'webhook', name: 'x', url: 'https://a.example', hmacSecret: 'short' }, /hmacSecret: Too small/i],
    [{ type: 'email', name: 'x', to: [] }, /to: must contain at least 1 item/],
    [{ type: 'email', name: 'x', to: ['not an address'] }, /to.0: must be an email address/],
    [{ type: 'email', name: 'x', to: ['a@b.example\r\nBcc: all@corp.example'] }, /to.0: must be an email address/],
    [{ type: 'pagerduty', name: 'x', routingKey: "'; DROP--" }, /routingKey: must be a PagerDuty/],
    [{ type: 'slack', name: 'x', url: 'https://hooks.slack.com/x', routingKey: 'extra' }, /Unrecognized key/],
  ])('refuses %j with 422 naming the field', (input, message) => {
    expect(refusal(newChannel, input).message).toMatch(message);
  });
});

describe('silences', () => {
  const end = new Date(Date.now() + 3_600_000).toISOString();
  it.each([
    [{ endsAt: end }, /matchers: a silence needs a ruleId or at least one matcher/],
    [{ ruleId: 'abcdefgh1234', endsAt: 'tomorrow' }, /endsAt: Invalid ISO datetime/],
    [{ ruleId: 'abcdefgh1234', startsAt: end, endsAt: end }, /endsAt: must be after startsAt/],
    [{ matchers: [{ name: '__proto__', value: 'x' }], endsAt: end }, /matchers.0.name: is not an allowed label name/],
    [{ matchers: [{ name: 'severity', value: 'x'.repeat(257) }], endsAt: end }, /matchers.0.value: Too big/i],
    [{ ruleId: 'abcdefgh1234', endsAt: end, comment: 'x'.repeat(501) }, /comment: Too big/i],
  ])('refuses %j with 422 naming the field', (input, message) => {
    expect(refusal(newSilence, input).message).toMatch(message);
  });
});

describe('outbound addresses', () => {
  const none = parseAllowList('');
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /link-local or cloud metadata/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[fd00:ec2::254]/', /link-local/],
    ['http://[::ffff:169.254.169.254]/', /link-local/],
    ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata/],
    ['http://10.1.2.3/hook', /private or loopback/],
    ['http://192.168.0.10/hook', /private or loopback/],
    ['http://172.20.0.1/hook', /private or loopback/],
    ['http://127.0.0.1:8080/hook', /private or loopback/],
    ['http://localhost/hook', /private or loopback/],
    ['http://[::1]/hook', /private or loopback/],
    ['http://0.0.0.0/hook', /private or loopback/],
    ['ftp://hooks.example/', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['https://user:pass@hooks.example/', /user name or password/],
    ['not a url', /valid URL/],
  ])('refuses %s', (url, message) => {
    expect(refuseUrl(url, none)).toMatch(message);
  });

  it('accepts public URLs, and private ones only when allow-listed; never link-local', () => {
    expect(refuseUrl('https://hooks.slack.com/services/T/B/X', none)).toBeNull();
    expect(refuseUrl('http://10.1.2.3/hook', parseAllowList(' 10.1.2.3 , hooks.internal'))).toBeNull();
    expect(refuseUrl('http://169.254.169.254/', parseAllowList('169.254.169.254'))).toMatch(/link-local/);
    expect(classifyAddress('8.8.8.8')?.kind).toBe('public');
    expect(classifyAddress('100.100.100.200')?.kind).toBe('forbidden');
    expect(classifyAddress('2001:4860:4860::8888')?.kind).toBe('public');
  });
});
