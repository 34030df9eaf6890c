/** The optimizer on SQLite (tests/helpers/optimizer-suite.ts). */
import { optimizerSuite } from '../helpers/optimizer-suite';
import { freshSqlite } from '../helpers/services';

optimizerSuite('sqlite', freshSqlite);
