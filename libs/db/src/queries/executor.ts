import type { Database } from '../client';

/** The database or a transaction of it: what write functions run on. */
export type DbExecutor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];
