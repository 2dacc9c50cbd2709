export { testDatabaseUrl } from './test-database';
