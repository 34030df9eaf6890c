/** The Observatory view (the dashboard home): the shared period, compare and project only. */
import type { Observatory } from '../queries/observatory';
import { defineView } from './define';

export const observatoryView = defineView<Observatory>()({
  name: 'observatory',
  path: '/api/v1/query/observatory',
  response: 'observatory',
  fields: {},
});
