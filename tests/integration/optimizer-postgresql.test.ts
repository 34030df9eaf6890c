/**
 * The optimizer on PostgreSQL (tests/helpers/optimizer-suite.ts), in a file of its own: the route
 * handlers open the process's one database from the configuration. Runs when TEST_DATABASE_URL is
 * set (required with CI=true).
 */
import { describe } from 'vitest';
import { optimizerSuite } from '../helpers/optimizer-suite';
import { freshPostgres, TEST_DATABASE_URL } from '../helpers/services';

describe.runIf(TEST_DATABASE_URL)('PostgreSQL', () => optimizerSuite('postgresql', freshPostgres));
