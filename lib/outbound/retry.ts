/**
 * Retries, as Alertmanager's notifiers do them: exponential backoff from 0.5 s by 1.5 per
 * attempt, ±50% jitter, capped; network errors, 5xx and 429 are retried, other answers are
 * final. A Retry-After asks for a longer wait, granted up to the cap. Sleep and randomness are
 * injectable, so tests never wait.
 */
import { retryAfterMs } from '../sdk/transport';
import { OutboundError } from './errors';
import { send, type OutboundRequest, type OutboundResponse } from './request';

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Growth per attempt. */
  factor: number;
  maxDelayMs: number;
  /** 0.5: each wait is drawn from ±50% around its step. */
  jitter: number;
};

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  factor: 1.5,
  maxDelayMs: 60_000,
  jitter: 0.5,
};

/** How long to wait after failed attempt `attempt` (1-based); `random` in [0, 1). */
export function backoffMs(attempt: number, p: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(p.maxDelayMs, p.baseDelayMs * p.factor ** (attempt - 1));
  const jitter = 1 + (random() - 0.5) * 2 * p.jitter;
  return Math.min(p.maxDelayMs, Math.round(step * jitter));
}

export type Outcome = { ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number | null };

/** Whether an HTTP status is worth another attempt. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** What an answer means for retrying: 2xx done; 5xx and 429 again (after their Retry-After); the rest final. */
export function statusOutcome(
  status: number,
  body: string,
  retryAfter: string | string[] | undefined,
  now = Date.now(),
): Outcome {
  if (status >= 200 && status < 300) return { ok: true };
  const detail = body.slice(0, 200).replace(/\s+/g, ' ');
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  return {
    ok: false,
    retry: retryableStatus(status),
    error: `HTTP ${status}${detail ? `: ${detail}` : ''}`,
    retryAfterMs: retryAfterMs(header ?? null, now),
  };
}

/** What a send's result (an answer or an error) means for retrying. */
export function sendOutcome(result: unknown, now = Date.now()): Outcome {
  if (result instanceof OutboundError) {
    if (result.kind === 'body-too-large' && result.status !== undefined) {
      return statusOutcome(result.status, '', undefined, now);
    }
    return { ok: false, retry: result.transient, error: result.message };
  }
  const res = result as OutboundResponse | Error;
  if (res instanceof Error) return { ok: false, retry: false, error: res.message };
  return statusOutcome(res.status, res.text(), res.headers['retry-after'], now);
}

/** The wait before the next attempt: the backoff, or a longer Retry-After, never past the cap. */
export function retryDelayMs(
  attempt: number,
  p: RetryPolicy,
  retryAfter: number | null | undefined,
  random?: () => number,
) {
  return Math.min(p.maxDelayMs, Math.max(backoffMs(attempt, p, random), retryAfter ?? 0));
}

export type RetryHooks = {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The clock Retry-After dates are read against (ms since the epoch). */
  now?: () => number;
  /** Hears every failed attempt, `last` when no other follows (before any wait). */
  onFailure?: (attempt: number, outcome: Extract<Outcome, { ok: false }>, last: boolean) => Promise<void> | void;
};

export type RetryResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails for good, or the policy's attempts are spent. Never rejects for a failed attempt. */
export async function withRetries(
  p: RetryPolicy,
  attempt: (n: number) => Promise<Outcome>,
  hooks: RetryHooks = {},
): Promise<RetryResult> {
  const sleep = hooks.sleep ?? realSleep;
  for (let n = 1; ; n++) {
    let outcome: Outcome;
    try {
      outcome = await attempt(n);
    } catch (err) {
      outcome = { ok: false, retry: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (outcome.ok) return { ok: true, attempts: n };
    const last = !outcome.retry || n >= p.attempts;
    await hooks.onFailure?.(n, outcome, last);
    if (last) return { ok: false, attempts: n, error: outcome.error };
    await sleep(retryDelayMs(n, p, outcome.retryAfterMs, hooks.random));
  }
}

/**
 * Sends with retries. Resolves with the last answer (a success, a final status, or the last
 * retryable one when attempts run out); rejects with the last OutboundError when no attempt got
 * an answer worth returning. A signed request is signed afresh, with a new timestamp, each time.
 */
export async function sendWithRetries(
  req: OutboundRequest,
  p: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {},
): Promise<OutboundResponse & { attempts: number }> {
  let last: OutboundResponse | OutboundError | undefined;
  const result = await withRetries(
    p,
    async () => {
      try {
        last = await send(req);
      } catch (err) {
        if (!(err instanceof OutboundError)) throw err;
        last = err;
      }
      return sendOutcome(last, (hooks.now ?? Date.now)());
    },
    hooks,
  );
  if (last instanceof OutboundError || last === undefined) throw last ?? new OutboundError('invalid', 'not sent');
  return { ...last, attempts: result.attempts };
}
