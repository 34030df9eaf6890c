/**
 * The reporter: validates each recording, buffers it, and sends batches to Observatory one request at a time,
 * when a batch is full, when the oldest item has waited `flushIntervalMs`, or when asked to (flush, close, exit).
 * Delivery is at least once: a batch whose answer was lost is sent again.
 */
import { batchBody, ItemBuffer, type Batch, type ItemKind } from './buffer';
import { registerExitClient, unregisterExitClient, type ExitClient } from './exit';
import { observeRequest } from './node-http';
import { wrapHandler } from './next';
import { sendBatch, type RetryPolicy, type SendContext } from './transport';
import type {
  DeploymentInput,
  DeploymentResult,
  InvalidReason,
  Logger,
  Reporter,
  ReporterOptions,
  ReporterStats,
  RequestInput,
} from './types';
import {
  checkDeployment,
  checkPoint,
  checkRequest,
  DEFAULT_MAX_AGE_MS,
  isIdentifier,
  LIMITS,
  type Checked,
} from './validate';

const DEFAULTS = {
  maxBatchSize: 1_000,
  maxBatchBytes: 512 * 1024,
  flushIntervalMs: 1_000,
  maxBuffered: 10_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  requestTimeoutMs: 10_000,
  shutdownTimeoutMs: 5_000,
  retry: { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 },
};

type Settings = {
  base: string;
  key: string;
  service: string;
  instance: string | undefined;
  maxBatchSize: number;
  maxBatchBytes: number;
  flushIntervalMs: number;
  maxBuffered: number;
  maxBufferedBytes: number;
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  maxAgeMs: number;
  retry: RetryPolicy;
  logger: Logger;
};

function positive(name: string, value: number | undefined, fallback: number, max = Infinity): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new TypeError(
      `Observatory reporter: ${name} must be a number above 0${max < Infinity ? ` and at most ${max}` : ''}`,
    );
  }
  return value;
}

/** Configuration mistakes are thrown here, once, at start-up; recording calls never throw. */
function settings(options: ReporterOptions): Settings {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('Observatory reporter: options are required');
  let base: URL;
  try {
    base = new URL(options.endpoint);
  } catch {
    throw new TypeError('Observatory reporter: endpoint must be a URL such as https://obs.example.com');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError('Observatory reporter: endpoint must be an http or https URL');
  }
  // The key goes into a header: printable ASCII only. Never repeat it in a message.
  if (typeof options.key !== 'string' || !/^[\x21-\x7e]{1,500}$/.test(options.key)) {
    throw new TypeError('Observatory reporter: key must be a project ingest key (Settings → Projects)');
  }
  if (!isIdentifier(options.service, LIMITS.maxServiceLength)) {
    throw new TypeError(
      `Observatory reporter: service must start with a letter and use only letters, digits and _ . : - (at most ${LIMITS.maxServiceLength})`,
    );
  }
  if (options.instance !== undefined && !isIdentifier(options.instance, LIMITS.maxServiceLength)) {
    throw new TypeError(
      `Observatory reporter: instance must start with a letter and use only letters, digits and _ . : - (at most ${LIMITS.maxServiceLength})`,
    );
  }
  // Containers and Kubernetes pods set HOSTNAME to their name; anything else is left out rather than refused.
  const hostname = globalThis.process?.env?.HOSTNAME;
  const retry = options.retry ?? {};
  return {
    base: base.href.replace(/\/+$/, ''),
    key: options.key,
    service: options.service,
    instance: options.instance ?? (isIdentifier(hostname, LIMITS.maxServiceLength) ? hostname : undefined),
    maxBatchSize: Math.floor(
      positive('maxBatchSize', options.maxBatchSize, DEFAULTS.maxBatchSize, LIMITS.maxItemsPerRequest),
    ),
    maxBatchBytes: positive('maxBatchBytes', options.maxBatchBytes, DEFAULTS.maxBatchBytes, LIMITS.maxBodyBytes),
    flushIntervalMs: positive('flushIntervalMs', options.flushIntervalMs, DEFAULTS.flushIntervalMs),
    maxBuffered: positive('maxBuffered', options.maxBuffered, DEFAULTS.maxBuffered),
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes, DEFAULTS.maxBufferedBytes),
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs, DEFAULTS.requestTimeoutMs),
    shutdownTimeoutMs: positive('shutdownTimeoutMs', options.shutdownTimeoutMs, DEFAULTS.shutdownTimeoutMs),
    maxAgeMs: positive('maxAgeMs', options.maxAgeMs, DEFAULT_MAX_AGE_MS),
    retry: {
      attempts: Math.floor(positive('retry.attempts', retry.attempts, DEFAULTS.retry.attempts)),
      baseDelayMs: positive('retry.baseDelayMs', retry.baseDelayMs, DEFAULTS.retry.baseDelayMs),
      maxDelayMs: positive('retry.maxDelayMs', retry.maxDelayMs, DEFAULTS.retry.maxDelayMs),
    },
    logger: options.logger ?? console,
  };
}

type Waiter = { target: number; resolve: () => void };

class BatchingReporter implements ExitClient {
  readonly flushOnExit: boolean;
  readonly flushOnSigterm: boolean;
  private readonly buffer: ItemBuffer;
  private readonly counts: Omit<ReporterStats, 'buffered' | 'inFlight' | 'dropped' | 'invalidReasons'> = {
    recorded: 0,
    sent: 0,
    retries: 0,
    lastError: null,
  };
  private readonly dropped: ReporterStats['dropped'] = { invalid: 0, overflow: 0, rejected: 0, failed: 0, shutdown: 0 };
  private readonly invalidReasons: Partial<Record<InvalidReason, number>> = {};
  private readonly warned = new Set<string>();
  private inFlight: Batch | null = null;
  private pumping: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Everything below this sequence number is due now (the interval passed, or someone flushes). */
  private dueBefore = 0;
  private waiters: Waiter[] = [];
  private keepAlive: ReturnType<typeof setInterval> | null = null;
  private stop = new AbortController();
  private closed = false;

  constructor(
    private readonly s: Settings,
    options: ReporterOptions,
  ) {
    this.buffer = new ItemBuffer(s.maxBuffered, s.maxBufferedBytes);
    this.flushOnExit = options.flushOnExit ?? true;
    this.flushOnSigterm = options.flushOnSigterm ?? false;
    registerExitClient(this);
  }

  private warnOnce(kind: string, message: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    try {
      this.s.logger.warn(`[observatory] ${message}`);
    } catch {
      // A broken logger must not break recording.
    }
  }

  private accept<T>(kind: ItemKind, checked: Checked<T>): void {
    if (this.closed) {
      this.dropped.shutdown++;
      return;
    }
    if (!checked.ok) {
      this.dropped.invalid++;
      this.invalidReasons[checked.reason] = (this.invalidReasons[checked.reason] ?? 0) + 1;
      this.warnOnce(
        `invalid:${checked.reason}`,
        `dropped a ${kind === 'requests' ? 'request record' : 'metric point'} with an invalid ${checked.reason}; ` +
          'further drops are counted in stats().invalidReasons',
      );
      return;
    }
    const overflow = this.buffer.push(kind, JSON.stringify(checked.item));
    this.counts.recorded++;
    if (overflow) {
      this.dropped.overflow += overflow;
      this.warnOnce('overflow', 'the buffer is full (Observatory slow or unreachable): dropping the oldest items');
    }
    if (this.buffer.countOf(kind) >= this.s.maxBatchSize || this.buffer.bytes >= this.s.maxBatchBytes) this.kick();
    else this.schedule();
  }

  recordRequest(record: RequestInput): void {
    try {
      const context = {
        service: this.s.service,
        instance: this.s.instance,
        now: Date.now(),
        maxAgeMs: this.s.maxAgeMs,
      };
      this.accept('requests', checkRequest(record, context));
    } catch {
      // Unreachable by design (validation catches its own errors); the promise to the host is never to throw.
    }
  }

  record(...args: Parameters<Reporter['record']>): void {
    try {
      const [name, value, tags, options] = args;
      this.accept('points', checkPoint(name, value, tags, options, { now: Date.now(), maxAgeMs: this.s.maxAgeMs }));
    } catch {
      // As above.
    }
  }

  async deployment(input: DeploymentInput): Promise<DeploymentResult> {
    try {
      if (this.closed) return { ok: false, error: 'the reporter is closed' };
      const checked = checkDeployment(input, { service: this.s.service, now: Date.now(), maxAgeMs: this.s.maxAgeMs });
      if (!checked.ok) return { ok: false, error: `invalid ${checked.reason}` };
      const context = { ...this.sendContext('points'), url: `${this.s.base}/api/v1/deployments`, readBody: true };
      const outcome = await sendBatch(JSON.stringify(checked.item), context);
      if (outcome.type !== 'sent') {
        const status = outcome.type === 'rejected' ? `${outcome.status} ` : outcome.type === 'too-large' ? '413 ' : '';
        this.counts.lastError = `${status}${outcome.message}`;
        return { ok: false, error: `POST /api/v1/deployments: ${status}${outcome.message}` };
      }
      const answer = outcome.body as { deployment?: { id?: unknown }; created?: unknown } | null;
      const id = answer?.deployment?.id;
      if (typeof id !== 'number') return { ok: false, error: 'POST /api/v1/deployments: unexpected answer' };
      return { ok: true, id, created: answer?.created === true };
    } catch {
      return { ok: false, error: 'unexpected error' }; // the promise to the host is never to reject
    }
  }

  /** Sends after flushIntervalMs unless a send is already due or under way. */
  private schedule(): void {
    if (this.timer || this.pumping || this.buffer.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueBefore = Math.max(this.dueBefore, this.buffer.nextSeq);
      this.kick();
    }, this.s.flushIntervalMs);
    this.timer.unref?.();
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      this.settleWaiters();
      // Items may have come due between the pump's last look and now (a flush called meanwhile).
      if (this.isDue()) this.kick();
      else this.schedule();
    });
  }

  private isDue(): boolean {
    if (this.buffer.length === 0) return false;
    if (this.stop.signal.aborted || this.buffer.oldestSeq() < this.dueBefore) return true;
    const full = (kind: ItemKind) => this.buffer.countOf(kind) >= this.s.maxBatchSize;
    return full('requests') || full('points') || this.buffer.bytes >= this.s.maxBatchBytes;
  }

  private async pump(): Promise<void> {
    while (this.isDue()) {
      if (this.stop.signal.aborted) {
        this.dropped.shutdown += this.buffer.clear();
        break;
      }
      const batch = this.buffer.take(this.s.maxBatchSize, this.s.maxBatchBytes);
      if (!batch) break;
      this.inFlight = batch;
      try {
        await this.deliver(batch);
      } catch {
        this.dropped.failed += batch.entries.length; // not expected: sendBatch settles every outcome
      }
      this.inFlight = null;
      this.settleWaiters();
    }
  }

  private sendContext(kind: ItemKind): SendContext {
    return {
      url: `${this.s.base}/api/v1/${kind === 'requests' ? 'requests' : 'metrics'}`,
      key: this.s.key,
      timeoutMs: this.s.requestTimeoutMs,
      retry: this.s.retry,
      stop: this.stop.signal,
      onRetry: (reason) => {
        this.counts.retries++;
        this.counts.lastError = reason;
      },
    };
  }

  private async deliver(batch: Batch): Promise<void> {
    const n = batch.entries.length;
    const outcome = await sendBatch(batchBody(batch), this.sendContext(batch.kind));
    const path = `POST /api/v1/${batch.kind === 'requests' ? 'requests' : 'metrics'}`;
    switch (outcome.type) {
      case 'sent':
        this.counts.sent += n;
        return;
      case 'too-large':
        // A proxy in front may allow less than Observatory's 1 MiB: halve until it passes.
        if (n > 1) {
          const half = Math.ceil(n / 2);
          const part = (entries: Batch['entries']) => ({
            kind: batch.kind,
            entries,
            bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
          });
          await this.deliver(part(batch.entries.slice(0, half)));
          await this.deliver(part(batch.entries.slice(half)));
          return;
        }
        this.counts.lastError = `413 ${outcome.message}`;
        this.dropped.rejected += n;
        this.warnOnce('rejected:413', `${path} refused one item as too large (413); dropped`);
        return;
      case 'rejected':
        this.counts.lastError = `${outcome.status} ${outcome.message}`;
        this.dropped.rejected += n;
        this.warnOnce(
          `rejected:${outcome.status}`,
          `${path} refused with ${outcome.status} (${outcome.message}): dropped ${n} items, not retried; ` +
            'later refusals are counted in stats().dropped.rejected',
        );
        return;
      case 'failed':
        this.counts.lastError = outcome.message;
        if (this.stop.signal.aborted) {
          this.dropped.shutdown += n;
          return;
        }
        this.dropped.failed += n;
        this.warnOnce('failed', `${path} failed: ${outcome.message}; dropped ${n} items`);
        return;
    }
  }

  /** Resolves the flushes whose items are all sent or dropped, and lets the process go when none is left. */
  private settleWaiters(): void {
    // A batch is taken in order from one queue: its first entry is its oldest.
    const pending = Math.min(this.buffer.oldestSeq(), this.inFlight?.entries[0]?.seq ?? Infinity);
    this.waiters = this.waiters.filter((w) => {
      if (pending < w.target) return true;
      w.resolve();
      return false;
    });
    if (this.waiters.length === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }

  hasPending(): boolean {
    return this.buffer.length > 0 || this.inFlight !== null;
  }

  flush(): Promise<void> {
    const target = this.buffer.nextSeq;
    if (!this.hasPending()) return Promise.resolve();
    this.dueBefore = Math.max(this.dueBefore, target);
    return new Promise<void>((resolve) => {
      this.waiters.push({ target, resolve });
      // The caller waits for this: keep the process alive until it is settled (every other timer is unref'ed).
      this.keepAlive ??= setInterval(() => {}, 60_000);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.kick();
      this.settleWaiters();
    });
  }

  /** A flush bounded by shutdownTimeoutMs; what is left then is dropped and counted. */
  async shutdownFlush(): Promise<void> {
    const limit = setTimeout(() => this.stop.abort(), this.s.shutdownTimeoutMs);
    try {
      await this.flush();
    } finally {
      clearTimeout(limit);
    }
    if (this.stop.signal.aborted) {
      this.dropped.shutdown += this.buffer.clear();
      this.warnOnce('shutdown', `unsent items dropped after the shutdown time limit of ${this.s.shutdownTimeoutMs} ms`);
      if (!this.closed) this.stop = new AbortController();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    unregisterExitClient(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.shutdownFlush();
  }

  stats(): ReporterStats {
    return {
      ...this.counts,
      buffered: this.buffer.length,
      inFlight: this.inFlight?.entries.length ?? 0,
      dropped: { ...this.dropped },
      invalidReasons: { ...this.invalidReasons },
    };
  }
}

function disabledReporter(): Reporter {
  const stats: ReporterStats = {
    recorded: 0,
    sent: 0,
    buffered: 0,
    inFlight: 0,
    retries: 0,
    dropped: { invalid: 0, overflow: 0, rejected: 0, failed: 0, shutdown: 0 },
    invalidReasons: {},
    lastError: null,
  };
  return {
    recordRequest: () => {},
    record: () => {},
    wrap:
      (_route, handler) =>
      async (req, ...ctx) =>
        handler(req, ...ctx),
    observe: () => {},
    deployment: async () => ({ ok: false, error: 'the reporter is disabled' }),
    flush: async () => {},
    close: async () => {},
    stats: () => structuredClone(stats),
  };
}

/**
 * A reporter for one service. Throws only here, for a configuration mistake (a bad endpoint, key or service).
 *
 *   const reporter = createReporter({ endpoint: process.env.OBSERVATORY_URL, key: process.env.OBSERVATORY_KEY,
 *                                     service: 'shop-api' });
 */
export function createReporter(options: ReporterOptions): Reporter {
  if (options?.enabled === false) return disabledReporter();
  const core = new BatchingReporter(settings(options), options);
  const recordRequest = (record: RequestInput) => core.recordRequest(record);
  return {
    recordRequest,
    record: (...args) => core.record(...args),
    wrap: (route, handler) => wrapHandler(recordRequest, route, handler),
    observe: (req, res, observeOptions) => observeRequest(recordRequest, req, res, observeOptions),
    deployment: (input) => core.deployment(input),
    flush: () => core.flush(),
    close: () => core.close(),
    stats: () => core.stats(),
  };
}
