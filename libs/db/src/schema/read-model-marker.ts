import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row, written once the gateway's durables were (re)set to replay the streams into
 * this database. A database without it is new or was emptied: the gateway then replays
 * everything the streams retain before projecting live events.
 */
export const readModelMarker = pgTable('read_model_marker', {
  id: text('id').primaryKey(),
  fedSince: timestamp('fed_since', { withTimezone: true, mode: 'date' }).notNull(),
});
