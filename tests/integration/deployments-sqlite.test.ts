/** Deploy markers on SQLite (tests/helpers/deployments-suite.ts). */
import { deploymentsSuite } from '../helpers/deployments-suite';
import { freshSqlite } from '../helpers/services';

deploymentsSuite('sqlite', freshSqlite);
