import type { ScaleMode } from '@autoscale/contracts';
import type { ScaleDecisionRow } from '@autoscale/db';
import { MS_PER_MIN } from '@autoscale/time-units';

/** What KEDA, Prometheus and people read of a target's newest decision. */
export type ScaleView = {
  target: string;
  /** What capacity the forecast asks for now: its need in `act` mode, else the floor (no opinion). */
  desiredReplicas: number;
  /** The newest decision's forecast need, whatever the mode. */
  recommendedReplicas: number;
  currentReplicas: number;
  expectedUtilization: number | null;
  breachProbability: number | null;
  decidedAt: string;
  forecastAt: string;
  /** The decision is older than its lead time: it no longer asks for anything. */
  stale: boolean;
  mode: ScaleMode;
  paused: boolean;
};

/**
 * A target's newest decision as the scale endpoint and the gauges serve it. Only a fresh
 * decision made in `act` mode of a target not paused asks for capacity; otherwise the answer is
 * the target's minimum, which the HPA (taking the highest of its triggers) ignores: a
 * recommendation, a pause, or a scaler that stopped can never hold capacity up.
 *
 * @example
 * scaleView(row, false, Date.now()).desiredReplicas; // 6
 */
export function scaleView(row: ScaleDecisionRow, pausedNow: boolean, now: number): ScaleView {
  const stale = now - row.forecastAt.getTime() > row.leadMin * MS_PER_MIN;
  const paused = pausedNow || row.paused;
  const asks = row.mode === 'act' && !paused && !stale;
  return {
    target: row.target,
    desiredReplicas: asks ? row.forecastCapacity : row.minCapacity,
    recommendedReplicas: row.forecastCapacity,
    currentReplicas: row.current,
    expectedUtilization: row.expectedUtilization,
    breachProbability: row.breachProbability,
    decidedAt: row.decidedAt.toISOString(),
    forecastAt: row.forecastAt.toISOString(),
    stale,
    mode: row.mode,
    paused,
  };
}
