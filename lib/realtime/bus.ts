/**
 * "A project has new data": what live dashboards listen for. The ingestion writer reports each
 * committed flush's projects; a busy project commits tens of times a second, so each project's
 * changes are throttled to one event per `intervalMs` (the first at once, the rest folded into
 * one at the end of the interval). With Redis, events also go to the other instances over one
 * pub/sub channel, so a dashboard connected to any instance hears about data stored by another.
 */
import { createPubSubRedis, type Redis } from '../redis/client';

export type DataChange = { projectId: string; at: number };
type Listener = (change: DataChange) => void;

export const CHANGES_CHANNEL = 'observatory:changes';

export type ChangeBusOptions = {
  /** Per project, at most one event per interval. */
  intervalMs?: number;
  /** Redis URL for events across instances; none: this process only. */
  redisUrl?: string | null;
  /** This process's name on the channel (its own messages are not delivered twice). */
  instance: string;
};

export class ChangeBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastSent = new Map<string, number>();
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private readonly intervalMs: number;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(private readonly options: ChangeBusOptions) {
    this.intervalMs = options.intervalMs ?? 1_000;
    // Connected now, so the first event is not lost to a connection still being made.
    if (options.redisUrl) this.publisher = createPubSubRedis(options.redisUrl, 1);
  }

  /** Projects whose data was just committed here. */
  changed(projectIds: Iterable<string>): void {
    const now = Date.now();
    for (const projectId of projectIds) {
      if (this.scheduled.has(projectId)) continue;
      const wait = (this.lastSent.get(projectId) ?? -Infinity) + this.intervalMs - now;
      if (wait <= 0) this.send(projectId);
      else {
        const timer = setTimeout(() => {
          this.scheduled.delete(projectId);
          this.send(projectId);
        }, wait);
        timer.unref();
        this.scheduled.set(projectId, timer);
      }
    }
  }

  /** Calls `listener` for each change of the project; returns the unsubscribe. */
  subscribe(projectId: string, listener: Listener): () => void {
    this.connectSubscriber();
    let set = this.listeners.get(projectId);
    if (!set) this.listeners.set(projectId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(projectId);
    };
  }

  /** Live listeners, for health and tests. */
  get listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
    this.listeners.clear();
    await Promise.all([this.publisher, this.subscriber].map((r) => r?.quit().catch(() => r.disconnect())));
    this.publisher = this.subscriber = null;
  }

  private send(projectId: string): void {
    const change: DataChange = { projectId, at: Date.now() };
    this.lastSent.set(projectId, change.at);
    if (this.lastSent.size > 10_000) this.lastSent.clear();
    this.deliver(change);
    // Fire and forget: while Redis is down, only this instance's dashboards hear of the change.
    this.publisher
      ?.publish(CHANGES_CHANNEL, JSON.stringify({ ...change, from: this.options.instance }))
      .catch(() => {});
  }

  private deliver(change: DataChange): void {
    const set = this.listeners.get(change.projectId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(change);
      } catch (err) {
        console.error('[realtime] listener failed:', err instanceof Error ? err.message : err);
      }
    }
  }

  private connectSubscriber(): void {
    if (!this.options.redisUrl || this.subscriber) return;
    // Its own connection (a subscribed connection can do nothing else), queueing the SUBSCRIBE
    // until Redis answers and subscribing again after every reconnect.
    const subscriber = createPubSubRedis(this.options.redisUrl, null);
    subscriber.subscribe(CHANGES_CHANNEL).catch(() => {});
    subscriber.on('message', (_channel: string, message: string) => {
      const change = parseChange(message);
      if (change && change.from !== this.options.instance) {
        this.deliver({ projectId: change.projectId, at: change.at });
      }
    });
    this.subscriber = subscriber;
  }
}

/** A message from the channel, or null when it is not one of ours. */
export function parseChange(message: string): (DataChange & { from: string }) | null {
  try {
    const value: unknown = JSON.parse(message);
    if (typeof value !== 'object' || value === null) return null;
    const { projectId, at, from } = value as Record<string, unknown>;
    if (typeof projectId !== 'string' || typeof at !== 'number' || typeof from !== 'string') return null;
    return { projectId, at, from };
  } catch {
    return null;
  }
}
