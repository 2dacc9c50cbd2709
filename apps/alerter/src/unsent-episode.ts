import type { AlertDecision, AlertObservation, AlertRuleParams } from '@autoscale/forecasting';

/**
 * A notification recorded `suppressed: stale` was never sent, so it does not count as one:
 * the first fresh forecast that keeps its episode open (still breaching, or still predicting
 * a crossing) notifies once — an incident in progress when the alerter starts, or one that
 * began during an outage longer than `ALERT_MAX_AGE_MIN`, is paged. Nothing is sent about an
 * episode that is no longer breaching nor predicted (the past).
 *
 * Returns the decision unchanged unless it is such a catch-up; then the decision notifies
 * (`breach` when the value is breaching, else `forecast`) and counts as notified now.
 */
export function catchUpUnsent(decision: AlertDecision, obs: AlertObservation, params: AlertRuleParams): AlertDecision {
  const { state } = decision;
  if (decision.notify || state.status === 'ok' || state.episodeStartedAt === null) return decision;
  const breaching = (state.aboveCount ?? 0) >= params.breachCount;
  const predicted = state.recentPredicted?.at(-1) === true;
  if (!breaching && !predicted) return decision;
  const kind = breaching ? 'breach' : 'forecast';
  return {
    ...decision,
    state: { ...state, status: state.status === 'breach' ? 'breach' : kind, lastNotifiedAt: obs.t },
    notify: {
      kind,
      severity: kind === 'breach' ? 'critical' : 'warning',
      breachAt: breaching ? obs.t : (obs.breach?.likely ?? obs.breach?.earliest ?? null),
      episodeStartedAt: state.episodeStartedAt,
    },
  };
}
