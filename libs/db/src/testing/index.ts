export { testDatabaseUrl } from './test-database';
export { migratedTestDatabase } from './migrated-database';
export { forecastEvent, sampleEvent } from './events';
