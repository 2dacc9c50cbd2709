import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The newest acknowledgement of each episode, as the gateway recorded it: the read model's
 * copy of the `ALERT_SILENCES` bucket's acks (which the alerter reads), so `/api/alerts`
 * shows them while NATS is down.
 */
export const alertAcks = pgTable('alert_acks', {
  episodeId: text('episode_id').primaryKey(),
  ackedBy: text('acked_by').notNull(),
  comment: text('comment').notNull(),
  ackedAt: timestamp('acked_at', { withTimezone: true, mode: 'date' }).notNull(),
});
