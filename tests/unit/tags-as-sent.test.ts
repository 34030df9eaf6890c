import { describe, expect, it } from 'vitest';
import { tagsAsSent } from '@/lib/rollup';

describe('tagsAsSent', () => {
  it('tells apart every pair of different tag sets, in the order sent', () => {
    const sets: (Record<string, string> | undefined)[] = [
      undefined,
      { a: 'b' },
      { a: 'bc' },
      { ab: 'c' },
      { a: 'b', c: 'd' },
      { c: 'd', a: 'b' },
      { a: 'b:c' },
      { 'a.b': 'c' },
      { a: '', b: 'c' },
    ];
    const keys = sets.map(tagsAsSent);
    expect(new Set(keys).size).toBe(sets.length);
    expect(tagsAsSent({})).toBe(tagsAsSent(undefined));
    expect(tagsAsSent({ route: '/x', region: 'eu' })).toBe(tagsAsSent({ route: '/x', region: 'eu' }));
  });
});
