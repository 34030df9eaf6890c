/**
 * The change against the previous period (components/endpoints/Delta.tsx): a signed percentage
 * from enough values on both sides, "not enough data" (with the counts in its title) from fewer
 * than MIN_COMPARE_SAMPLES on either side, however large the percentage would be.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Delta, samplesOf } from '@/components/endpoints/Delta';
import { enoughToCompare, MIN_COMPARE_SAMPLES } from '@/lib/format/numbers';

const render = (props: Parameters<typeof Delta>[0]) => renderToStaticMarkup(createElement(Delta, props));

describe('comparisons with the previous period', () => {
  it('shows the change when both periods hold enough values', () => {
    const html = render({
      now: 2,
      before: 1,
      higherIsWorse: false,
      samples: { now: 500, before: 250, unit: 'requests' },
    });
    expect(html).toContain('+100%');
    expect(html).toContain('(better)');
  });

  it('says "not enough data" instead of +694480% when the previous period is nearly empty', () => {
    const html = render({
      now: 6945,
      before: 1,
      higherIsWorse: false,
      samples: { now: 6945, before: 3, unit: 'requests' },
    });
    expect(html).toContain('not enough data');
    expect(html).not.toContain('%');
    expect(html).toContain('6,945 requests in this period and 3 in the one before');
    expect(html).toContain(`at least ${MIN_COMPARE_SAMPLES} on each side`);
  });

  it('applies to the current period too, and exactly at the minimum the change shows', () => {
    expect(render({ now: 900, before: 300, samples: { now: 19, before: 400, unit: 'values' } })).toContain(
      'not enough data',
    );
    const at = { now: MIN_COMPARE_SAMPLES, before: MIN_COMPARE_SAMPLES, unit: 'requests' };
    expect(enoughToCompare(at)).toBe(true);
    expect(enoughToCompare({ ...at, before: MIN_COMPARE_SAMPLES - 1 })).toBe(false);
    expect(render({ now: 150, before: 100, samples: at })).toContain('+50%');
  });

  it('takes a route’s requests as its samples, none when not comparing', () => {
    expect(samplesOf({ requests: 12, previous: { requests: 40 } })).toEqual({ now: 12, before: 40, unit: 'requests' });
    expect(samplesOf({ requests: 12, previous: null })).toBeUndefined();
  });
});
