/**
 * One route's page (/endpoints/route?service=…&method=…&route=…): search params, so route
 * templates with slashes and brackets need no escaping scheme of their own. All three are
 * required; a page link missing one says so instead of guessing.
 */
import type { EndpointDetail } from '../queries/endpoint';
import { requiredText } from './fields';
import { defineView } from './define';

export const endpointView = defineView<EndpointDetail>()({
  name: 'endpoint',
  path: '/api/v1/query/endpoint',
  response: 'endpoint',
  fields: {
    service: requiredText('service'),
    method: requiredText('method'),
    route: requiredText('route'),
  },
  resetOnProjectChange: ['service', 'method', 'route'],
});
