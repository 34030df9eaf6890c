/**
 * Draining hooks (lib/shutdown.ts): each runs once when the server starts draining, even when
 * hooks unregister themselves while the list runs (as live streams do when they end).
 */
import { describe, expect, it } from 'vitest';
import { onDraining, runDrainingHooks } from '@/lib/shutdown';

describe('draining hooks', () => {
  it('runs every hook once, though each unregisters itself as it runs', () => {
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) {
      const stop = onDraining(() => {
        ran.push(i);
        stop();
      });
    }
    runDrainingHooks();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    runDrainingHooks();
    expect(ran).toHaveLength(5);
  });

  it('skips a hook unregistered before draining, and one that throws stops no other', () => {
    const ran: string[] = [];
    const stop = onDraining(() => ran.push('gone'));
    onDraining(() => {
      throw new Error('boom');
    });
    onDraining(() => ran.push('after'));
    stop();
    runDrainingHooks();
    expect(ran).toEqual(['after']);
  });
});
