/**
 * Deploy markers: what services send to POST /api/v1/deployments (a version of a service going
 * out to an environment), listed per project and drawn on every time chart as annotations.
 * Server only.
 */
import 'server-only';

export { listDeployments, recordDeployment, type Deployment, type NewDeployment } from './store';
