/** The Web Vitals view: a percentile (p75 unless chosen), and filters by page route and device. */
import { DEFAULT_VITAL_PERCENTILE, DEVICES, VITAL_PERCENTILE_CHOICES } from '../metrics';
import type { WebVitals } from '../queries/web-vitals';
import { choice, text } from './fields';
import { defineView } from './define';

export const webVitalsView = defineView<WebVitals>()({
  name: 'web-vitals',
  path: '/api/v1/query/web-vitals',
  response: 'webVitals',
  fields: {
    percentile: choice('percentile', VITAL_PERCENTILE_CHOICES, DEFAULT_VITAL_PERCENTILE),
    route: text('route'),
    device: choice('device', DEVICES, null),
  },
  resetOnProjectChange: ['route', 'device'],
});
