/**
 * The order in which a page's view changes reach the browser's history. Next.js syncs its router
 * with `history.pushState`, and when it commits a router state it writes that state's URL back
 * with `replaceState`: a second push made before the first one's commit is overwritten by the
 * first one's URL, and a change built on the URL read at that moment loses the one before it.
 * So the queue hands the history one change at a time, the next once the router has committed
 * the last, and meanwhile tells the view the URL it asked for (`current`), which every change
 * builds on: the controls answer at once, no change is lost, and each is a history entry of its own.
 */
export type HistoryMode = 'push' | 'replace';

type Entry = { url: string; mode: HistoryMode };

const pathOf = (url: string) => url.split('?')[0];

export class UrlQueue {
  private waiting: Entry[] = [];
  /** Handed to the history, not yet committed by the router. */
  private inFlight: string | null = null;
  /** The URL the view shows while changes are on their way; null: the router's own. */
  private requested: string | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly write: (url: string, mode: HistoryMode) => void) {}

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
    if (this.inFlight !== null && url !== this.inFlight) {
      // Another page, or a change not made here (a link): what is waiting belongs to a page left behind.
      if (pathOf(url) !== pathOf(this.inFlight)) this.reset();
      return;
    }
    this.inFlight = null;
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
    this.inFlight = null;
    if (this.requested !== null) {
      this.requested = null;
      this.emit();
    }
  }

  private hand(entry: Entry): void {
    this.inFlight = entry.url;
    this.write(entry.url, entry.mode);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
