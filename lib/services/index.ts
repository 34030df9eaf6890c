/**
 * A project's services: records the ingestion writer creates the first time a point names a
 * `service` (lib/rollup/services.ts), which settings for one service attach to. Server only.
 */
import 'server-only';

export { deleteService, listServices, type ServiceView } from './store';
