/**
 * The order view changes reach the browser's history (lib/views/url-queue.ts): one at a time,
 * each once the router committed the one before, every change built on the last one asked for.
 */
import { describe, expect, it } from 'vitest';
import { UrlQueue, type HistoryMode } from '@/lib/views/url-queue';

/** A queue writing into a list that stands for the history; timers fire only when `fire()` says. */
function setup() {
  const written: [string, HistoryMode][] = [];
  let location = '';
  const timers = new Map<number, () => void>();
  let nextTimer = 0;
  const queue = new UrlQueue(
    (url, mode) => {
      written.push([url, mode]);
      location = url;
    },
    {
      location: () => location,
      setTimer: (fn) => {
        timers.set(++nextTimer, fn);
        return nextTimer;
      },
      clearTimer: (timer) => timers.delete(timer as number),
    },
  );
  let notified = 0;
  queue.subscribe(() => notified++);
  /** Fires the timers set so far (those they set wait for the next call). */
  const fire = () => {
    const due = [...timers.values()];
    timers.clear();
    for (const fn of due) fn();
  };
  return {
    queue,
    written,
    notified: () => notified,
    fire,
    timers: () => timers.size,
    setLocation: (url: string) => (location = url),
  };
}

describe('the history queue', () => {
  it('hands quick successive changes over one at a time, each after the router committed the last', () => {
    const { queue, written, notified } = setup();
    expect(queue.current('/web-vitals')).toBe('/web-vitals');
    queue.request('/web-vitals?percentile=p90', 'push');
    queue.request('/web-vitals?percentile=p90&device=mobile', 'push');
    queue.request('/web-vitals?percentile=p90&device=mobile&route=%2Fsearch', 'push');
    // Only the first reached the history; the view and the next change see the last one asked for.
    expect(written).toEqual([['/web-vitals?percentile=p90', 'push']]);
    expect(queue.pending()).toBe('/web-vitals?percentile=p90&device=mobile&route=%2Fsearch');
    expect(queue.current('/web-vitals?percentile=p90')).toBe(queue.pending());
    expect(notified()).toBe(3);

    // A commit of anything else on the page (the router still on the previous URL) hands nothing over.
    queue.committed('/web-vitals');
    expect(written).toHaveLength(1);
    queue.committed('/web-vitals?percentile=p90');
    expect(written.at(-1)).toEqual(['/web-vitals?percentile=p90&device=mobile', 'push']);
    // The same commit seen twice (several components report it) hands over nothing more.
    queue.committed('/web-vitals?percentile=p90');
    expect(written).toHaveLength(2);
    queue.committed('/web-vitals?percentile=p90&device=mobile');
    queue.committed('/web-vitals?percentile=p90&device=mobile&route=%2Fsearch');
    expect(written.map(([url]) => url)).toEqual([
      '/web-vitals?percentile=p90',
      '/web-vitals?percentile=p90&device=mobile',
      '/web-vitals?percentile=p90&device=mobile&route=%2Fsearch',
    ]);
    // All committed: the router's URL rules again.
    expect(queue.pending()).toBeNull();
    expect(queue.current('/web-vitals?x=1')).toBe('/web-vitals?x=1');
    expect(notified()).toBe(4);
  });

  it('keeps each change’s history mode', () => {
    const { queue, written } = setup();
    queue.request('/endpoints?sort=p95', 'replace');
    queue.request('/endpoints?sort=p95&method=POST', 'push');
    queue.committed('/endpoints?sort=p95');
    expect(written).toEqual([
      ['/endpoints?sort=p95', 'replace'],
      ['/endpoints?sort=p95&method=POST', 'push'],
    ]);
  });

  it('drops what waits when Back, Forward or another page takes over', () => {
    const { queue, written } = setup();
    queue.request('/web-vitals?percentile=p90', 'push');
    queue.request('/web-vitals?percentile=p95', 'push');
    queue.reset();
    expect(queue.pending()).toBeNull();
    queue.committed('/web-vitals?percentile=p90');
    expect(written).toHaveLength(1);

    queue.request('/web-vitals?device=mobile', 'push');
    queue.request('/web-vitals?device=tablet', 'push');
    // A link to another page committed before the change: the waiting one belongs to the page left.
    queue.committed('/endpoints');
    expect(queue.pending()).toBeNull();
    queue.committed('/web-vitals?device=mobile');
    expect(written.map(([url]) => url)).toEqual(['/web-vitals?percentile=p90', '/web-vitals?device=mobile']);
    // And a new change is handed over at once again.
    queue.request('/endpoints?method=GET', 'push');
    expect(written.at(-1)).toEqual(['/endpoints?method=GET', 'push']);
  });

  it('a slow commit keeps the change shown: a click meanwhile builds on it, not on the router’s older URL', () => {
    const { queue, written, fire } = setup();
    queue.request('/endpoints?sort=p95', 'replace');
    // The router takes several periods to render it (a slow phone); the history has held it all
    // along, and it is written again in place each period in case the router missed it.
    for (let i = 0; i < 5; i++) fire();
    expect(queue.pending()).toBe('/endpoints?sort=p95');
    expect(queue.current('/endpoints?sort=p95')).toBe('/endpoints?sort=p95');
    queue.request('/endpoints?sort=p95.asc', 'replace');
    expect(written).toEqual(Array.from({ length: 6 }, () => ['/endpoints?sort=p95', 'replace']));
    queue.committed('/endpoints?sort=p95');
    queue.committed('/endpoints?sort=p95.asc');
    expect(written.at(-1)).toEqual(['/endpoints?sort=p95.asc', 'replace']);
    expect(queue.pending()).toBeNull();
  });

  it('a pushed change the router is slow to render is written again in place, never pushed twice', () => {
    const { queue, written, fire } = setup();
    queue.request('/endpoints?method=POST', 'push');
    fire();
    fire();
    expect(written).toEqual([
      ['/endpoints?method=POST', 'push'],
      ['/endpoints?method=POST', 'replace'],
      ['/endpoints?method=POST', 'replace'],
    ]);
    queue.committed('/endpoints?method=POST');
    expect(queue.pending()).toBeNull();
  });

  it('a change whose commit is never reported does not hold the rest for ever: after maxWaits periods the next goes', () => {
    const { queue, written, fire, timers } = setup();
    queue.request('/web-vitals?percentile=p90', 'push');
    queue.request('/web-vitals?percentile=p90&device=mobile', 'push');
    expect(written).toHaveLength(1);
    expect(timers()).toBe(1);
    // The router never reports p90, but the history has it: it waits its 20 periods, then the waiting change goes.
    for (let i = 0; i < 19; i++) fire();
    expect(written.every(([url]) => url === '/web-vitals?percentile=p90')).toBe(true);
    expect(queue.pending()).toBe('/web-vitals?percentile=p90&device=mobile');
    fire();
    expect(written.at(-1)).toEqual(['/web-vitals?percentile=p90&device=mobile', 'push']);
    queue.committed('/web-vitals?percentile=p90&device=mobile');
    expect(queue.pending()).toBeNull();
    // Committed in time: its timer is cleared, nothing fires later.
    expect(timers()).toBe(0);
  });

  it('a change the history lost is handed over again, a few times, then the history rules', () => {
    const { queue, written, fire, setLocation } = setup();
    queue.request('/web-vitals?percentile=p90', 'push');
    // The router wrote an earlier URL back over it.
    setLocation('/web-vitals');
    fire();
    expect(written.map(([url]) => url)).toEqual(['/web-vitals?percentile=p90', '/web-vitals?percentile=p90']);
    queue.committed('/web-vitals?percentile=p90');
    expect(queue.pending()).toBeNull();

    queue.request('/web-vitals?device=mobile', 'push');
    for (let i = 0; i < 5; i++) {
      setLocation('/web-vitals');
      fire();
    }
    // Handed three times in all, then given up: the view shows the router's URL again.
    expect(written.filter(([url]) => url === '/web-vitals?device=mobile')).toHaveLength(3);
    expect(queue.pending()).toBeNull();
    queue.request('/web-vitals?device=tablet', 'push');
    expect(written.at(-1)).toEqual(['/web-vitals?device=tablet', 'push']);
  });
});
