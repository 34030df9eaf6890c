import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getDataOverview } from '@/lib/queries/overview';

/** Projects with data, series, raw points and their time range, across the installation. */
export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async () => ({
  overview: await getDataOverview(getDb()),
}));
