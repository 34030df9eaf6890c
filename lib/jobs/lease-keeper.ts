/**
 * Keeps a lease while its job runs: renews it every third of its time to live, and aborts the
 * run's signal when the lease is lost. Lost means a renewal was refused (it expired, or another
 * instance took it over) or the lease ran out on this process's clock before a renewal got
 * through: a renewal that fails to reach the store is tried again at the next third, but never
 * past the time to live, so a run never believes it holds a lease that another may have taken.
 */
import type { Lease, LeaseStore } from './lease';

export class LeaseKeeper {
  private readonly controller = new AbortController();
  private renewal: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private stopped = false;

  /** `since`: when the acquisition (or last renewal) was sent; the lease lasts ttlMs from then at most. */
  constructor(
    private readonly store: LeaseStore,
    private readonly lease: Lease,
    private readonly ttlMs: number,
    since: number,
    private readonly on: { error: (err: unknown) => void; lost: (reason: string) => void },
  ) {
    this.arm(since);
    this.next();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    this.stopped = true;
    if (this.renewal) clearTimeout(this.renewal);
    if (this.watchdog) clearTimeout(this.watchdog);
  }

  private next(): void {
    this.renewal = setTimeout(() => void this.renew(), this.ttlMs / 3);
    this.renewal.unref();
  }

  private arm(since: number): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => this.lose('its lease ran out before a renewal got through'),
      Math.max(0, since + this.ttlMs - Date.now()),
    );
    this.watchdog.unref();
  }

  private async renew(): Promise<void> {
    const sent = Date.now();
    let kept: boolean;
    try {
      kept = await this.store.renew(this.lease, this.ttlMs);
    } catch (err) {
      if (this.stopped) return;
      this.on.error(err);
      this.next();
      return;
    }
    if (this.stopped) return;
    if (!kept) return this.lose('its lease expired or was taken over');
    this.arm(sent);
    this.next();
  }

  private lose(reason: string): void {
    if (this.stopped || this.controller.signal.aborted) return;
    this.stop();
    this.on.lost(reason);
    this.controller.abort(new LeaseLostError(`job ${this.lease.name}: ${reason}`));
  }
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}
