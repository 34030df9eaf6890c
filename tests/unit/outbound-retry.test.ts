/**
 * The retry policy's decisions and waits, with a fixed random source and a sleep that only
 * records: which outcomes are retried, the Alertmanager backoff, Retry-After up to the cap.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  OutboundError,
  backoffMs,
  retryDelayMs,
  sendOutcome,
  statusOutcome,
  withRetries,
  type Outcome,
} from '@/lib/outbound';
import { PhaseClock, phaseDurations } from '@/lib/outbound/timings';

describe('decisions', () => {
  it.each([
    [200, true, false],
    [204, true, false],
    [500, false, true],
    [502, false, true],
    [503, false, true],
    [429, false, true],
    [400, false, false],
    [401, false, false],
    [404, false, false],
    [301, false, false],
  ])('HTTP %i: ok %s, retried %s', (status, ok, retry) => {
    const outcome = statusOutcome(status, '', undefined);
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) expect(outcome.retry).toBe(retry);
  });

  it('names the status and the start of the answer in the error', () => {
    expect(statusOutcome(500, '{"error":\n  "down"}', undefined)).toMatchObject({
      error: 'HTTP 500: {"error": "down"}',
    });
    expect(statusOutcome(503, 'x'.repeat(500), undefined)).toMatchObject({ error: `HTTP 503: ${'x'.repeat(200)}` });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2027, 0, 1, 8, 0, 0);
    expect(statusOutcome(429, '', '7', now)).toMatchObject({ retry: true, retryAfterMs: 7_000 });
    expect(statusOutcome(503, '', 'Fri, 01 Jan 2027 08:00:30 GMT', now)).toMatchObject({ retryAfterMs: 30_000 });
    expect(statusOutcome(503, '', 'soon', now)).toMatchObject({ retryAfterMs: null });
  });

  it.each([
    ['connect', true],
    ['dns', true],
    ['timeout', true],
    ['network', true],
    ['refused', false],
    ['invalid', false],
    ['tls', false],
    ['aborted', false],
  ] as const)('an OutboundError of kind %s is retried: %s', (kind, retry) => {
    expect(sendOutcome(new OutboundError(kind, 'x'))).toEqual({ ok: false, retry, error: 'x' });
  });

  it('judges an answer whose body was too large by its status', () => {
    const tooLarge = (status: number) => Object.assign(new OutboundError('body-too-large', 'big'), { status });
    expect(sendOutcome(tooLarge(200))).toEqual({ ok: true });
    expect(sendOutcome(tooLarge(503))).toMatchObject({ ok: false, retry: true });
  });
});

describe('delays', () => {
  it('grows 0.5 s by 1.5 per attempt with ±50% jitter, capped at 60 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, DEFAULT_RETRY, () => 0.5))).toEqual([500, 750, 1125, 1688]);
    expect(backoffMs(1, DEFAULT_RETRY, () => 0)).toBe(250);
    expect(backoffMs(1, DEFAULT_RETRY, () => 0.999999)).toBe(750);
    expect(backoffMs(40, DEFAULT_RETRY, () => 0.999999)).toBe(60_000);
    expect(backoffMs(40, DEFAULT_RETRY, () => 0)).toBe(30_000);
  });

  it('waits for a longer Retry-After, but never past the cap', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY, 5_000, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(1, DEFAULT_RETRY, 100, () => 0.5)).toBe(500);
    expect(retryDelayMs(1, DEFAULT_RETRY, 3_600_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(1, DEFAULT_RETRY, null, () => 0.5)).toBe(500);
  });
});

describe('withRetries', () => {
  const run = async (outcomes: Outcome[], attempts = 6) => {
    const slept: number[] = [];
    const failures: string[] = [];
    let calls = 0;
    const result = await withRetries({ ...DEFAULT_RETRY, attempts }, async () => outcomes[calls++] ?? { ok: true }, {
      random: () => 0.5,
      sleep: async (ms) => void slept.push(ms),
      onFailure: (n, o, last) => void failures.push(`${n}:${o.error}:${last ? 'last' : 'again'}`),
    });
    return { result, slept, failures, calls };
  };
  const fail = (error: string, retry = true, retryAfterMs?: number): Outcome => ({
    ok: false,
    retry,
    error,
    retryAfterMs,
  });

  it('retries until success, waiting the backoff between attempts', async () => {
    const r = await run([fail('HTTP 500'), fail('HTTP 502'), { ok: true }]);
    expect(r.result).toEqual({ ok: true, attempts: 3 });
    expect(r.slept).toEqual([500, 750]);
    expect(r.failures).toEqual(['1:HTTP 500:again', '2:HTTP 502:again']);
  });

  it('stops at once on a final failure', async () => {
    const r = await run([fail('HTTP 400', false), { ok: true }]);
    expect(r.result).toEqual({ ok: false, attempts: 1, error: 'HTTP 400' });
    expect(r.slept).toEqual([]);
    expect(r.failures).toEqual(['1:HTTP 400:last']);
  });

  it("gives up after the policy's attempts, not waiting after the last", async () => {
    const r = await run([fail('a'), fail('b'), fail('c'), fail('d')], 3);
    expect(r.result).toEqual({ ok: false, attempts: 3, error: 'c' });
    expect(r.calls).toBe(3);
    expect(r.slept).toEqual([500, 750]);
  });

  it('honours Retry-After, and treats a throwing attempt as final', async () => {
    const r = await run([fail('HTTP 429', true, 9_000), { ok: true }]);
    expect(r.slept).toEqual([9_000]);
    const thrown = await withRetries(DEFAULT_RETRY, async () => {
      throw new Error('bad config');
    });
    expect(thrown).toEqual({ ok: false, attempts: 1, error: 'bad config' });
  });
});

describe('phase timings', () => {
  it('are cumulative; a skipped phase takes the previous time; a failure keeps the phases reached', () => {
    let now = 1_000;
    const clock = new PhaseClock(() => now);
    now = 1_004;
    clock.mark('dnsMs');
    now = 1_010;
    clock.mark('connectMs');
    expect(clock.snapshot()).toEqual({ dnsMs: 4, connectMs: 10 });
    now = 1_030;
    clock.mark('firstByteMs');
    now = 1_031;
    clock.mark('firstByteMs');
    now = 1_050;
    const t = clock.complete();
    expect(t).toEqual({ dnsMs: 4, connectMs: 10, tlsMs: 10, firstByteMs: 30, totalMs: 50 });
    expect(phaseDurations(t)).toEqual({ dnsMs: 4, connectMs: 6, tlsMs: 0, serverMs: 20, transferMs: 20, totalMs: 50 });
    const literal = new PhaseClock(() => now);
    now = 1_060;
    literal.mark('connectMs');
    expect(literal.snapshot()).toEqual({ dnsMs: 0, connectMs: 10 });
  });
});
