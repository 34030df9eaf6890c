/** The annotations query route on SQLite (tests/helpers/annotations-suite.ts). */
import { annotationsApiSuite } from '../helpers/annotations-suite';
import { freshSqlite } from '../helpers/services';

annotationsApiSuite('sqlite', freshSqlite);
