export { testDatabaseUrl } from './test-database';
export { migratedTestDatabase } from './migrated-database';
