/**
 * The queue for SQLite's one connection (lib/db/adapter.ts): one holder at a time (a statement,
 * or a transaction until it ends), and readers before background work. A caller in a
 * backgroundStatements scope (compaction, retention) gets the connection only when no other
 * caller is waiting and none has held it for `graceMs`, so a request's chain of statements, with
 * its short gaps of JavaScript between them, runs without a compaction transaction landing in
 * every gap. Background work is never starved: once a background caller has waited `starveMs`,
 * it takes the next turn.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Gaps between one request's statements shorter than this keep background work out. */
export const FOREGROUND_GRACE_MS = 25;
/** Background work waits at most this long for readers to pause. */
export const BACKGROUND_STARVE_MS = 500;

const BACKGROUND = Symbol.for('observatory.backgroundStatements');
const registry = globalThis as unknown as Record<typeof BACKGROUND, AsyncLocalStorage<true> | undefined>;
const background: AsyncLocalStorage<true> = (registry[BACKGROUND] ??= new AsyncLocalStorage<true>());

/**
 * Runs `fn` with its SQLite statements behind every other caller's (see above). For work nobody
 * is waiting on; no effect on PostgreSQL, whose pool serves readers beside it.
 */
export function backgroundStatements<T>(fn: () => Promise<T>): Promise<T> {
  return background.run(true, fn);
}

/** Whether the caller runs in a backgroundStatements scope. */
export const inBackground = () => background.getStore() === true;

type Waiter = { grant: () => void; since: number };

export type QueueOptions = {
  graceMs?: number;
  starveMs?: number;
  /** The clock (ms), and a timer for when background work may go; tests pass their own. */
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => void;
};

export class StatementQueue {
  private held = false;
  private readonly foreground: Waiter[] = [];
  private readonly background: Waiter[] = [];
  private lastForeground = -Infinity;
  private timerDue = false;
  private readonly graceMs: number;
  private readonly starveMs: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => void;

  constructor(options: QueueOptions = {}) {
    this.graceMs = options.graceMs ?? FOREGROUND_GRACE_MS;
    this.starveMs = options.starveMs ?? BACKGROUND_STARVE_MS;
    this.now = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /** Callers waiting for the connection. */
  waiting(): number {
    return this.foreground.length + this.background.length;
  }

  /** Waits for the connection; call the function returned (once) to hand it on. */
  acquire(isBackground = inBackground()): Promise<() => void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { since: this.now(), grant: () => resolve(this.releaser(isBackground)) };
      (isBackground ? this.background : this.foreground).push(waiter);
      this.dispatch();
    });
  }

  private releaser(isBackground: boolean): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (!isBackground) this.lastForeground = this.now();
      this.held = false;
      this.dispatch();
    };
  }

  private dispatch(): void {
    if (this.held) return;
    const next = this.foreground.shift();
    if (next) return this.give(next);
    const first = this.background[0];
    if (!first) return;
    const now = this.now();
    const quietIn = this.lastForeground + this.graceMs - now;
    const starvedIn = first.since + this.starveMs - now;
    if (quietIn <= 0 || starvedIn <= 0) return this.give(this.background.shift()!);
    if (this.timerDue) return;
    this.timerDue = true;
    this.schedule(
      () => {
        this.timerDue = false;
        this.dispatch();
      },
      Math.max(1, Math.min(quietIn, starvedIn)),
    );
  }

  private give(waiter: Waiter): void {
    this.held = true;
    waiter.grant();
  }
}
