/**
 * The order in which a page's view changes reach the browser's history. Next.js syncs its router
 * with `history.pushState`, and when it commits a router state it writes that state's URL back
 * with `replaceState`: a second push made before the first one's commit is overwritten by the
 * first one's URL, and a change built on the URL read at that moment loses the one before it.
 * So the queue hands the history one change at a time, the next once the router has committed
 * the last, and meanwhile tells the view the URL it asked for (`current`), which every change
 * builds on: the controls answer at once, no change is lost, and each is a history entry of its own.
 *
 * A change whose commit is not reported within `stallMs` is looked at again. The history holds a
 * change's URL as soon as it is handed over, long before the router has rendered it on a slow
 * device, so that alone proves nothing: while the history holds it, the change keeps waiting for
 * its commit (the view keeps showing it, so a click meanwhile builds on it) and is written again
 * in place each period, in case the router missed it, up to `maxWaits` periods; only then does the
 * next change go. When the history lost it (the router wrote another URL back over it), it is
 * handed over again, a few times, then the history rules.
 */
export type HistoryMode = 'push' | 'replace';

type Entry = { url: string; mode: HistoryMode };

export type QueueOptions = {
  /** The URL the history holds now (path and search). */
  location: () => string;
  /** How long a handed change waits for its commit before the queue looks at the history itself. */
  stallMs?: number;
  /** Periods of `stallMs` a change the history holds waits for its commit before the next goes. */
  maxWaits?: number;
  /** Timers, replaceable in tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

/** Times a stalled change is handed over again before the queue gives up on it. */
const MAX_HANDS = 3;

const pathOf = (url: string) => url.split('?')[0];

export class UrlQueue {
  private waiting: Entry[] = [];
  /** Handed to the history, not yet committed by the router. */
  private inFlight: Entry | null = null;
  private hands = 0;
  /** Periods the change in flight has waited, the history holding it. */
  private waits = 0;
  private timer: unknown = null;
  /** The URL the view shows while changes are on their way; null: the router's own. */
  private requested: string | null = null;
  private listeners = new Set<() => void>();

  private readonly options: Required<QueueOptions>;

  constructor(
    private readonly write: (url: string, mode: HistoryMode) => void,
    options: QueueOptions,
  ) {
    this.options = {
      stallMs: 1_500,
      maxWaits: 20,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The URL asked for last (path and search), while it is not yet the router's; else null. */
  pending = (): string | null => this.requested;

  /** The URL a change builds on: the one asked for last, else `location` (path and search). */
  current(location: string): string {
    return this.requested ?? location;
  }

  request(url: string, mode: HistoryMode): void {
    this.requested = url;
    this.emit();
    if (this.inFlight === null && this.waiting.length === 0) this.hand({ url, mode });
    else this.waiting.push({ url, mode });
  }

  /** The router committed `url` (path and search): hand over the next change, or let the router's URL rule again. */
  committed(url: string): void {
    if (this.inFlight !== null && url !== this.inFlight.url) {
      // Another page, or a change not made here (a link): what is waiting belongs to a page left behind.
      if (pathOf(url) !== pathOf(this.inFlight.url)) this.reset();
      return;
    }
    this.landed();
    const next = this.waiting.shift();
    if (next) return this.hand(next);
    if (this.requested !== null) {
      this.requested = null;
      this.emit();
    }
  }

  /** Back, Forward or a move to another page: the history rules; nothing waiting is handed over. */
  reset(): void {
    this.waiting = [];
    this.landed();
    if (this.requested !== null) {
      this.requested = null;
      this.emit();
    }
  }

  private hand(entry: Entry): void {
    if (this.inFlight?.url !== entry.url) this.hands = 0;
    this.hands += 1;
    this.waits = 0;
    this.inFlight = entry;
    this.arm(entry);
    this.write(entry.url, entry.mode);
  }

  private arm(entry: Entry): void {
    this.clearTimer();
    this.timer = this.options.setTimer(() => this.stalled(entry), this.options.stallMs);
  }

  /** `entry`'s commit was not reported in time: still on its way while the history holds it; else lost. */
  private stalled(entry: Entry): void {
    this.timer = null;
    if (this.inFlight !== entry) return;
    if (this.options.location() === entry.url) {
      this.waits += 1;
      if (this.waits >= this.options.maxWaits) return this.committed(entry.url);
      // Written again in place (no new entry): a router that missed it (a change made while the
      // page was still hydrating, before Next.js watched the history) gets it now; one that is
      // merely slow renders the same URL once more.
      this.arm(entry);
      return this.write(entry.url, 'replace');
    }
    if (this.hands < MAX_HANDS) return this.hand(entry);
    this.reset();
  }

  private landed(): void {
    this.inFlight = null;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
