/**
 * The alert state machine and the notification decision, pure: for-durations, flapping, the
 * no-data behaviours, errors, repeats, acknowledgement and silences.
 */
import { describe, expect, it } from 'vitest';
import { retryPolicy } from '@/lib/alerts/deliver';
import { backoffMs } from '@/lib/outbound';
import { compare, INACTIVE, notification, step, type Observation, type RuleState } from '@/lib/alerts/state';

const breached: Observation = { kind: 'value', breached: true };
const ok: Observation = { kind: 'value', breached: false };
const noData: Observation = { kind: 'no_data' };
const error: Observation = { kind: 'error' };

/** Runs observations 30 s apart from t=0 and returns each state and transition. */
function replay(observations: Observation[], forMs: number, noDataAs: 'ok' | 'alerting' | 'keep_last' = 'ok') {
  let state: RuleState = INACTIVE;
  return observations.map((o, i) => {
    const r = step(state, o, forMs, noDataAs, i * 30_000);
    state = r.next;
    return [r.next.state, r.transition] as const;
  });
}

describe('step', () => {
  it('fires at once without a for-duration, and resolves when the condition clears', () => {
    expect(replay([breached, breached, ok, ok], 0)).toEqual([
      ['firing', 'firing'],
      ['firing', null],
      ['inactive', 'resolved'],
      ['inactive', null],
    ]);
  });

  it('waits `for` in pending before firing', () => {
    expect(replay([breached, breached, breached, breached], 60_000)).toEqual([
      ['pending', 'pending'],
      ['pending', null],
      ['firing', 'firing'],
      ['firing', null],
    ]);
  });

  it('a flapping condition never outlasts `for`: pending, cleared, pending again, never firing', () => {
    const flapping = [breached, ok, breached, ok, breached, ok];
    const states = replay(flapping, 60_000);
    expect(states.map((s) => s[0])).not.toContain('firing');
    expect(states.map((s) => s[1])).toEqual(['pending', 'cleared', 'pending', 'cleared', 'pending', 'cleared']);
  });

  it('pending keeps its start while breached (the for-duration counts from the first breach)', () => {
    const a = step(INACTIVE, breached, 90_000, 'ok', 1_000);
    const b = step(a.next, breached, 90_000, 'ok', 60_000);
    expect(b.next).toEqual({ state: 'pending', pendingSince: 1_000, firingSince: null });
    const c = step(b.next, breached, 90_000, 'ok', 91_000);
    expect(c).toEqual({ next: { state: 'firing', pendingSince: 1_000, firingSince: 91_000 }, transition: 'firing' });
  });

  it('no data as OK resolves a firing rule', () => {
    expect(replay([breached, noData], 0, 'ok')).toEqual([
      ['firing', 'firing'],
      ['inactive', 'resolved'],
    ]);
  });

  it('no data as alerting fires (after `for`)', () => {
    expect(replay([noData, noData, noData], 30_000, 'alerting')).toEqual([
      ['pending', 'pending'],
      ['firing', 'firing'],
      ['firing', null],
    ]);
  });

  it('no data as keep-last keeps whatever state the rule was in', () => {
    expect(replay([breached, noData, noData, ok], 0, 'keep_last')).toEqual([
      ['firing', 'firing'],
      ['firing', null],
      ['firing', null],
      ['inactive', 'resolved'],
    ]);
    expect(replay([noData, noData], 0, 'keep_last')).toEqual([
      ['inactive', null],
      ['inactive', null],
    ]);
  });

  it('an evaluation error changes nothing, even mid-pending', () => {
    const a = step(INACTIVE, breached, 60_000, 'ok', 0);
    const b = step(a.next, error, 60_000, 'ok', 30_000);
    expect(b).toEqual({ next: a.next, transition: null });
    expect(step(b.next, breached, 60_000, 'ok', 60_000).transition).toBe('firing');
  });
});

describe('notification', () => {
  const base = { acknowledged: false, silenced: false, repeatMs: 300_000, now: 1_000_000 };

  it('tells a new firing once, then repeats at the repeat interval', () => {
    expect(notification({ ...base, transition: 'firing', state: 'firing', lastNotifiedAt: null })).toBe('firing');
    expect(
      notification({ ...base, transition: null, state: 'firing', lastNotifiedAt: 1_000_000 - 299_999 }),
    ).toBeNull();
    expect(notification({ ...base, transition: null, state: 'firing', lastNotifiedAt: 1_000_000 - 300_000 })).toBe(
      'repeat',
    );
  });

  it('acknowledgement stops repeats but not the resolution', () => {
    expect(
      notification({ ...base, acknowledged: true, transition: null, state: 'firing', lastNotifiedAt: 0 }),
    ).toBeNull();
    expect(
      notification({ ...base, acknowledged: true, transition: 'resolved', state: 'inactive', lastNotifiedAt: 0 }),
    ).toBe('resolved');
  });

  it('a resolution is told only when its firing was', () => {
    expect(notification({ ...base, transition: 'resolved', state: 'inactive', lastNotifiedAt: null })).toBeNull();
  });

  it('a silence holds everything back; a firing it hid is told once it ends', () => {
    expect(
      notification({ ...base, silenced: true, transition: 'firing', state: 'firing', lastNotifiedAt: null }),
    ).toBeNull();
    expect(
      notification({ ...base, silenced: true, transition: 'resolved', state: 'inactive', lastNotifiedAt: 5 }),
    ).toBeNull();
    expect(notification({ ...base, transition: null, state: 'firing', lastNotifiedAt: null })).toBe('firing');
  });

  it('pending and inactive rules tell nothing', () => {
    expect(notification({ ...base, transition: 'pending', state: 'pending', lastNotifiedAt: null })).toBeNull();
    expect(notification({ ...base, transition: 'cleared', state: 'inactive', lastNotifiedAt: null })).toBeNull();
  });
});

describe('compare and backoff', () => {
  it('compares strictly or not', () => {
    expect([compare(5, 'gt', 5), compare(5, 'gte', 5), compare(4, 'lt', 5), compare(5, 'lte', 5)]).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('backs off 0.5 s × 1.5ⁿ with ±50% jitter, capped', () => {
    const p = retryPolicy({ attempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 });
    expect(backoffMs(1, p, () => 0.5)).toBe(500);
    expect(backoffMs(3, p, () => 0.5)).toBe(1125);
    expect(backoffMs(1, p, () => 0)).toBe(250);
    expect(backoffMs(1, p, () => 0.999999)).toBe(750);
    expect(backoffMs(40, p, () => 0.999999)).toBe(60_000);
  });
});
