import type { ScaleDecisionRow } from '@autoscale/db';
import type { z } from '@hono/zod-openapi';
import type { ScaleDecisionView } from '../openapi/scaling.schemas';

/**
 * A decision row as the API shows it, with its actuation (null for decisions not executed).
 *
 * @example
 * rows.map(decisionView);
 */
export function decisionView(row: ScaleDecisionRow): z.infer<typeof ScaleDecisionView> {
  return {
    forecastAt: row.forecastAt.toISOString(),
    decidedAt: row.decidedAt.toISOString(),
    action: row.action,
    current: row.current,
    desired: row.desired,
    forecastCapacity: row.forecastCapacity,
    currentUtilization: row.currentUtilization,
    expectedUtilization: row.expectedUtilization,
    breachProbability: row.breachProbability,
    mode: row.mode,
    paused: row.paused,
    execute: row.execute,
    reason: row.reason,
    actuation:
      row.actuationStatus && row.actuationAt
        ? {
            status: row.actuationStatus,
            attempts: row.actuationAttempts ?? 0,
            applied: row.actuationApplied,
            error: row.actuationError,
            at: row.actuationAt.toISOString(),
          }
        : null,
  };
}
