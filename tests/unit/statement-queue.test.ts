/**
 * SQLite's statement queue (lib/db/statement-queue.ts): one holder at a time, requests before
 * background work, background work kept out of the short gaps in a request's chain of
 * statements, and never starved. The clock and timers are the test's own.
 */
import { describe, expect, it } from 'vitest';
import { backgroundStatements, inBackground, StatementQueue } from '@/lib/db/statement-queue';

function setup() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const queue = new StatementQueue({
    graceMs: 25,
    starveMs: 500,
    now: () => now,
    schedule: (fn, ms) => timers.push({ at: now + ms, fn }),
  });
  const order: string[] = [];
  const held = new Map<string, () => void>();
  /** Asks for the connection as `name`; once granted it is held until release(name). */
  const ask = (name: string, background = false) =>
    void queue.acquire(background).then((release) => {
      order.push(name);
      held.set(name, release);
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const release = async (name: string) => {
    held.get(name)!();
    held.delete(name);
    await settle();
  };
  /** Releases whoever holds the connection. */
  const releaseHolder = async () => {
    for (const name of [...held.keys()]) await release(name);
  };
  /** Moves the clock on, firing the timers due by then. */
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
    await settle();
  };
  return { queue, order, ask, release, releaseHolder, advance, settle, pendingTimers: () => timers.length };
}

describe('the SQLite statement queue', () => {
  it('gives the connection to one caller at a time, in the order they asked', async () => {
    const q = setup();
    q.ask('a');
    q.ask('b');
    q.ask('c');
    await q.settle();
    expect(q.order).toEqual(['a']);
    expect(q.queue.waiting()).toBe(2);
    await q.release('a');
    expect(q.order).toEqual(['a', 'b']);
    await q.release('b');
    await q.release('c');
    expect(q.order).toEqual(['a', 'b', 'c']);
    expect(q.queue.waiting()).toBe(0);
  });

  it('lets a request waiting behind background work go before background work that asked earlier', async () => {
    const q = setup();
    await q.advance(1_000); // long after any request
    q.ask('compaction 1', true);
    await q.settle();
    expect(q.order).toEqual(['compaction 1']);
    q.ask('compaction 2', true);
    q.ask('read', false);
    await q.release('compaction 1');
    expect(q.order).toEqual(['compaction 1', 'read']);
  });

  it('keeps background work out of the short gaps between a request’s statements', async () => {
    const q = setup();
    q.ask('read 1');
    await q.settle();
    q.ask('compaction', true);
    await q.release('read 1');
    // The request's next statement comes 10 ms later: background work has not slipped in.
    await q.advance(10);
    expect(q.order).toEqual(['read 1']);
    q.ask('read 2');
    await q.settle();
    expect(q.order).toEqual(['read 1', 'read 2']);
    await q.release('read 2');
    // Requests pause for the grace period: background work goes.
    await q.advance(24);
    expect(q.order).toEqual(['read 1', 'read 2']);
    await q.advance(1);
    expect(q.order).toEqual(['read 1', 'read 2', 'compaction']);
  });

  it('never starves background work: after waiting its limit it takes the next turn', async () => {
    const q = setup();
    q.ask('compaction', true);
    await q.settle();
    q.order.length = 0;
    await q.release('compaction');
    q.ask('read 0');
    await q.settle();
    q.ask('compaction again', true);
    // Requests follow one another without a pause for 600 ms.
    for (let i = 1; i <= 60; i++) {
      await q.releaseHolder();
      q.ask(`read ${i}`);
      await q.advance(10);
    }
    const at = q.order.indexOf('compaction again');
    expect(at).toBeGreaterThan(0);
    // It waited about its 500 ms (50 reads of 10 ms), not for the requests to stop.
    expect(at).toBeGreaterThanOrEqual(49);
    expect(at).toBeLessThanOrEqual(52);
    expect(q.order.at(-1)).not.toBe('compaction again');
  });

  it('runs background work at once when no request has used the connection lately', async () => {
    const q = setup();
    q.ask('compaction', true);
    await q.settle();
    expect(q.order).toEqual(['compaction']);
    expect(q.pendingTimers()).toBe(0);
  });

  it('a release called twice hands the connection on once', async () => {
    const q = setup();
    const first = await q.queue.acquire(false);
    q.ask('b');
    q.ask('c');
    first();
    first();
    await q.settle();
    expect(q.order).toEqual(['b']);
  });

  it('tells callers inside backgroundStatements from the rest, across awaits', async () => {
    expect(inBackground()).toBe(false);
    const seen = await backgroundStatements(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return inBackground();
    });
    expect(seen).toBe(true);
    expect(inBackground()).toBe(false);
  });
});
