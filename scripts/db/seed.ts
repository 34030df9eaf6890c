/**
 * npm run db:seed
 * Demo data is written through the ingestion path, which this version does not have yet;
 * until it does, this command says so and changes nothing.
 */
import { fail } from '../lib/cli';

fail('no demo data in this version: it is written through the metrics ingestion API, which is not built yet', 2);
