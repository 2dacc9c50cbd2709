import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { scaleDecidedMsgId } from '@autoscale/contracts';
import type { ScaleActuationUpdated, ScaleDecided } from '@autoscale/contracts';
import type { Database } from '../client';
import { scaleDecisions } from '../schema/index';
import { chunks, lastByKey } from './last-by-key';

/** Thrown when an actuation update arrives before its decision is projected; retry later. */
export class ScaleDecisionNotFoundError extends Error {
  override name = 'ScaleDecisionNotFoundError';
}

/**
 * Stores decisions with one multi-row insert per 1,000, keyed by target + forecast time: a
 * decision already stored is left as it is.
 *
 * @example
 * await insertScaleDecisions(db, decisions);
 */
export async function insertScaleDecisions(db: Database, events: readonly ScaleDecided[]): Promise<void> {
  const rows = lastByKey(events, scaleDecidedMsgId).map((e) => ({
    key: scaleDecidedMsgId(e),
    target: e.target,
    metric: e.metric,
    forecastAt: new Date(e.forecastAt),
    decidedAt: new Date(e.decidedAt),
    mode: e.mode,
    paused: e.paused,
    action: e.action,
    current: e.current,
    desired: e.desired,
    forecastCapacity: e.forecastCapacity,
    currentUtilization: e.currentUtilization,
    expectedUtilization: e.expectedUtilization,
    breachProbability: e.breachProbability,
    targetUtilization: e.targetUtilization,
    minCapacity: e.minCapacity,
    maxCapacity: e.maxCapacity,
    leadMin: e.leadMin,
    actuator: e.actuator,
    execute: e.execute,
    reason: e.reason,
    members: e.members,
  }));
  for (const part of chunks(rows))
    await db.insert(scaleDecisions).values(part).onConflictDoNothing({ target: scaleDecisions.key });
}

/**
 * Folds actuation updates into their decisions' rows, in order: an update replaces the row's
 * status only with at least as many attempts, so redelivered or reordered updates leave the
 * newest. Throws {@link ScaleDecisionNotFoundError} when a decision is missing.
 *
 * @example
 * await applyScaleActuations(db, updates);
 */
export async function applyScaleActuations(db: Database, updates: readonly ScaleActuationUpdated[]): Promise<void> {
  if (updates.length === 0) return;
  await db.transaction(async (tx) => {
    for (const u of updates) {
      const found = await tx
        .select({ key: scaleDecisions.key })
        .from(scaleDecisions)
        .where(eq(scaleDecisions.key, u.decisionId));
      if (found.length === 0) throw new ScaleDecisionNotFoundError(`decision ${u.decisionId} is not projected yet`);
      await tx
        .update(scaleDecisions)
        .set({
          actuationStatus: u.status,
          actuationAttempts: u.attempts,
          actuationApplied: u.applied ?? null,
          actuationError: u.error ?? null,
          actuationAt: new Date(u.at),
        })
        .where(
          and(
            eq(scaleDecisions.key, u.decisionId),
            or(isNull(scaleDecisions.actuationAttempts), lte(scaleDecisions.actuationAttempts, u.attempts)),
          ),
        );
    }
  });
}
