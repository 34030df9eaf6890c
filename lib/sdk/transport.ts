/**
 * One batch to Observatory, retried where retrying can help: network errors and timeouts, 5xx, and 429/503
 * (after their Retry-After). Other 4xx mean the batch or the key is wrong; sending it again cannot fix that.
 */

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number };

export type SendOutcome =
  /** `body`: the answer's JSON, when the context asked for it (null when it is not JSON). */
  | { type: 'sent'; body?: unknown }
  /** A 4xx that retrying cannot fix. */
  | { type: 'rejected'; status: number; message: string }
  /** 413: the caller may split the batch. */
  | { type: 'too-large'; message: string }
  /** Retries used up, or the shutdown's time limit reached. */
  | { type: 'failed'; message: string };

export type SendContext = {
  url: string;
  key: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Aborted when a shutdown's time limit runs out: the request under way and any wait end at once. */
  stop: AbortSignal;
  onRetry: (reason: string) => void;
  /** Read the answer's JSON into the outcome (a deploy marker's id) instead of discarding it. */
  readBody?: boolean;
};

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export function backoffMs(attempt: number, { baseDelayMs, maxDelayMs }: RetryPolicy, random = Math.random): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + (random() * step) / 2;
}

/** Retry-After in milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Senders must use the IMF-fixdate form (RFC 9110): `Tue, 24 Nov 2026 08:00:05 GMT`.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** A wait that never keeps the process alive by itself (a pending flush does, see reporter.ts). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The API's error message (`{ error: { message } }`), short; never anything of the request. */
async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // Not the API's JSON (a proxy's page): the status says enough.
  }
  return res.statusText || 'no message';
}

function networkError(err: unknown, ctx: SendContext): string {
  if (ctx.stop.aborted) return 'stopped by the shutdown time limit';
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${ctx.timeoutMs} ms`;
  }
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `network error (${err instanceof Error ? err.message : String(err)}${cause})`;
}

export async function sendBatch(body: string, ctx: SendContext): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let wait: number | null = null;
    try {
      const res = await fetch(ctx.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ctx.key },
        body,
        signal: AbortSignal.any([ctx.stop, AbortSignal.timeout(ctx.timeoutMs)]),
      });
      if (res.ok) {
        if (ctx.readBody) return { type: 'sent', body: await res.json().catch(() => null) };
        await res.body?.cancel().catch(() => {});
        return { type: 'sent' };
      }
      const message = await errorMessage(res);
      if (res.status === 413) return { type: 'too-large', message };
      if (res.status !== 429 && res.status < 500) return { type: 'rejected', status: res.status, message };
      reason = `${res.status} ${message}`;
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (err) {
      reason = networkError(err, ctx);
    }
    if (attempt >= ctx.retry.attempts || ctx.stop.aborted) {
      return { type: 'failed', message: `${reason} (after ${attempt} attempt${attempt === 1 ? '' : 's'})` };
    }
    ctx.onRetry(reason);
    const delay = Math.min(ctx.retry.maxDelayMs, Math.max(backoffMs(attempt, ctx.retry), wait ?? 0));
    await sleep(delay, ctx.stop);
  }
}
