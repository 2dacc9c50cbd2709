import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { scaleDecisions } from '../schema/index';

export type ScaleDecisionRow = typeof scaleDecisions.$inferSelect;

/**
 * Each target's newest decision (by forecast time), by target name; of one target when given.
 *
 * @example
 * const latest = await latestScaleDecisions(db); // [{ target: 'web', desired: 6, … }]
 */
export async function latestScaleDecisions(db: Database, target?: string): Promise<ScaleDecisionRow[]> {
  const query = db.selectDistinctOn([scaleDecisions.target]).from(scaleDecisions);
  return (target === undefined ? query : query.where(eq(scaleDecisions.target, target))).orderBy(
    scaleDecisions.target,
    desc(scaleDecisions.forecastAt),
  );
}

/**
 * A target's decisions, newest first: those that changed something (or were executed) only
 * when `changesOnly` (holds are most of them).
 *
 * @example
 * await listScaleDecisions(db, 'web', { limit: 20, changesOnly: true });
 */
export async function listScaleDecisions(
  db: Database,
  target: string,
  opts: { limit: number; changesOnly?: boolean; since?: Date | undefined },
): Promise<ScaleDecisionRow[]> {
  const conditions = [eq(scaleDecisions.target, target)];
  if (opts.changesOnly) conditions.push(sql`(${scaleDecisions.action} <> 'hold' or ${scaleDecisions.execute})`);
  if (opts.since) conditions.push(sql`${scaleDecisions.forecastAt} >= ${opts.since}`);
  return db
    .select()
    .from(scaleDecisions)
    .where(sql.join(conditions, sql` and `))
    .orderBy(desc(scaleDecisions.forecastAt))
    .limit(opts.limit);
}
