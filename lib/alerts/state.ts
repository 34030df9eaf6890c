/**
 * The evaluation state machine of one rule, pure (Prometheus semantics): a breached condition
 * makes an inactive rule pending, and firing once it has held for `for` (at once when `for` is
 * 0); a condition that clears drops a pending rule back to inactive without a word, and resolves
 * a firing one. No data counts as OK, as breached, or changes nothing (keep last); an
 * evaluation error changes nothing either (it is recorded on the rule).
 *
 * `notification` then decides what a rule's channels are told: firing once, repeats every
 * repeat interval while firing and not acknowledged, resolved when it ends (only if its firing
 * was told). A silence holds every notification back; a firing told nothing yet is told when the
 * silence ends and the rule still fires.
 */
export type AlertState = 'inactive' | 'pending' | 'firing';
export type NoDataBehaviour = 'ok' | 'alerting' | 'keep_last';

export type RuleState = {
  state: AlertState;
  pendingSince: number | null;
  firingSince: number | null;
};

export type Observation = { kind: 'value'; breached: boolean } | { kind: 'no_data' } | { kind: 'error' };

export type Transition = 'pending' | 'firing' | 'resolved' | 'cleared' | null;

export type Step = { next: RuleState; transition: Transition };

export const INACTIVE: RuleState = { state: 'inactive', pendingSince: null, firingSince: null };

/** What an episode leaves on its rule, cleared when it resolves: the next firing is told and acknowledged afresh. */
export const EPISODE_RESET = { lastNotifiedAt: null, acknowledgedAt: null, acknowledgedBy: null } as const;

/** A rule's whole alert state, cleared when it is resolved by hand or turned off: it starts afresh. */
export const ALERT_RESET = { state: 'inactive', pendingSince: null, firingSince: null, ...EPISODE_RESET } as const;

export function step(
  current: RuleState,
  observed: Observation,
  forMs: number,
  noData: NoDataBehaviour,
  now: number,
): Step {
  let breached: boolean;
  if (observed.kind === 'error') return { next: current, transition: null };
  if (observed.kind === 'no_data') {
    if (noData === 'keep_last') return { next: current, transition: null };
    breached = noData === 'alerting';
  } else {
    breached = observed.breached;
  }

  if (!breached) {
    if (current.state === 'firing') return { next: INACTIVE, transition: 'resolved' };
    if (current.state === 'pending') return { next: INACTIVE, transition: 'cleared' };
    return { next: current, transition: null };
  }
  if (current.state === 'firing') return { next: current, transition: null };
  const pendingSince = current.state === 'pending' && current.pendingSince !== null ? current.pendingSince : now;
  if (now - pendingSince >= forMs) {
    return { next: { state: 'firing', pendingSince, firingSince: now }, transition: 'firing' };
  }
  if (current.state === 'pending') return { next: current, transition: null };
  return { next: { state: 'pending', pendingSince, firingSince: null }, transition: 'pending' };
}

export type NotifyInput = {
  transition: Transition;
  state: AlertState;
  /** When the channels were last told of this firing (null: not yet). */
  lastNotifiedAt: number | null;
  acknowledged: boolean;
  silenced: boolean;
  repeatMs: number;
  now: number;
};

export type NotificationKind = 'firing' | 'repeat' | 'resolved';

export function notification(input: NotifyInput): NotificationKind | null {
  const { transition, state, lastNotifiedAt, acknowledged, silenced, repeatMs, now } = input;
  if (silenced) return null;
  if (transition === 'resolved') return lastNotifiedAt !== null ? 'resolved' : null;
  if (state !== 'firing') return null;
  if (lastNotifiedAt === null) return 'firing';
  if (acknowledged) return null;
  return now - lastNotifiedAt >= repeatMs ? 'repeat' : null;
}

export type Comparator = 'gt' | 'gte' | 'lt' | 'lte';

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}
