import { MS_PER_MIN } from '@autoscale/time-units';
import type { MemberOutlook } from './member-outlook';
import type { ScalePolicy } from './scale-policy';

export type ScaleAction = 'scale-out' | 'scale-in' | 'hold';

/** What a target's decisions carry from one to the next. */
export type ScaleState = {
  /** Since when (ms) the forecast has needed less than the current capacity; null while it needs as much or more. */
  belowTargetSince: number | null;
};

export const INITIAL_SCALE_STATE: ScaleState = { belowTargetSince: null };

export type ScaleInputs = {
  /** Time of the decision (ms): the forecasts' time, so a replay decides as production did. */
  t: number;
  /** Members serving now (capacity units: pods, instances). */
  currentCapacity: number;
  /** The members' forecasts read at the lead time, warming-up members left out. */
  members: readonly MemberOutlook[];
};

export type ScaleDecision = {
  action: ScaleAction;
  /** The capacity to set on a group (an ASG, a MIG): never below current unless the scaler scales in itself. */
  desired: number;
  /**
   * What the forecast alone needs (bounded, step-limited), possibly below the current
   * capacity: the value for an HPA, which takes the highest of its triggers, so this can add
   * capacity but never remove what the CPU trigger needs. The minimum without members.
   */
  forecastCapacity: number;
  current: number;
  /** Mean utilisation of the members now (percent); null without members. */
  currentUtilization: number | null;
  /** Mean utilisation expected at t + lead, as used (upper bound where the probability gate opened). */
  expectedUtilization: number | null;
  /** Highest breach probability among the members; null when none carries one. */
  breachProbability: number | null;
  /** One line a person reads: why this number. */
  reason: string;
};

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
/** ceil that does not turn 5.000000001 (float noise) into 6. */
const ceilOf = (x: number) => Math.ceil(x - 1e-9);

/**
 * Decides a target's capacity from its members' forecasts: the group's utilisation expected
 * at t + lead (a member's upper 80 % bound when its breach probability reaches the gate, its
 * central forecast otherwise) gives `desired = ceil(current × expected ÷ target)`, bounded by
 * min/max and the step limit. Forecasts only ever add capacity; scale-in happens only when
 * `scaleInAfterMin` is set and the forecast has stayed below target that long, and never
 * below what the current load needs.
 *
 * @example
 * const { decision, state } = decideScale(policy, INITIAL_SCALE_STATE, { t, currentCapacity: 4, members });
 * decision.desired; // 6
 * decision.reason;  // 'expected 78.5% in 5 min > target 60% on 4: 6'
 */
export function decideScale(
  policy: ScalePolicy,
  state: ScaleState,
  inputs: ScaleInputs,
): { decision: ScaleDecision; state: ScaleState } {
  const clamp = (n: number) => Math.min(policy.maxCapacity, Math.max(policy.minCapacity, n));
  const current = inputs.currentCapacity;
  if (inputs.members.length === 0) {
    const desired = clamp(current);
    return {
      decision: {
        action: actionOf(current, desired),
        desired,
        forecastCapacity: policy.minCapacity,
        current,
        currentUtilization: null,
        expectedUtilization: null,
        breachProbability: null,
        reason: `no member forecasts: hold at ${desired}`,
      },
      state,
    };
  }
  const mean = (f: (m: MemberOutlook) => number) =>
    inputs.members.reduce((s, m) => s + f(m), 0) / inputs.members.length;
  const currentUtilization = mean((m) => m.current);
  const gated = (m: MemberOutlook) => (m.breachProbability ?? 0) >= policy.minBreachProbability;
  const expectedUtilization = mean((m) => (gated(m) ? m.upper : m.expected));
  const probabilities = inputs.members.map((m) => m.breachProbability).filter((p): p is number => p !== null);
  const breachProbability = probabilities.length > 0 ? Math.max(...probabilities) : null;
  const bound = inputs.members.some(gated) ? 'upper bound' : 'central';
  const target = policy.targetUtilization;
  const needForecast = ceilOf((Math.max(current, 1) * expectedUtilization) / target);
  const needNow = ceilOf((Math.max(current, 1) * currentUtilization) / target);
  const head = `expected ${fmt(expectedUtilization)}% (${bound}) in ${policy.leadMin} min`;
  const forecastCapacity = clamp(Math.min(needForecast, current + policy.maxStep));
  const facts = { current, forecastCapacity, currentUtilization, expectedUtilization, breachProbability };

  if (needForecast > current) {
    const desired = clamp(Math.min(needForecast, current + policy.maxStep));
    const limit = desired < needForecast ? ` (limited from ${needForecast})` : '';
    return {
      decision: {
        ...facts,
        action: actionOf(current, desired),
        desired,
        reason: `${head} > target ${fmt(target)}% on ${current}: ${desired}${limit}`,
      },
      state: { belowTargetSince: null },
    };
  }
  const belowTargetSince = needForecast < current ? (state.belowTargetSince ?? inputs.t) : null;
  const belowMin = belowTargetSince === null ? 0 : (inputs.t - belowTargetSince) / MS_PER_MIN;
  if (policy.scaleInAfterMin !== null && belowTargetSince !== null && belowMin >= policy.scaleInAfterMin) {
    const desired = clamp(Math.min(current, Math.max(needNow, needForecast, current - policy.maxStep)));
    return {
      decision: {
        ...facts,
        action: actionOf(current, desired),
        desired,
        reason: `${head}, below target ${fmt(target)}% for ${fmt(belowMin)} min on ${current}: ${desired} (load now needs ${needNow})`,
      },
      state: { belowTargetSince },
    };
  }
  const desired = clamp(current);
  const why = desired === current ? 'hold' : 'bounded';
  return {
    decision: {
      ...facts,
      action: actionOf(current, desired),
      desired,
      reason: `${head} ≤ target ${fmt(target)}% on ${current}: ${why} at ${desired}`,
    },
    state: { belowTargetSince },
  };
}

const actionOf = (current: number, desired: number): ScaleAction => {
  if (desired > current) return 'scale-out';
  return desired < current ? 'scale-in' : 'hold';
};

/**
 * Whether a decision is still worth executing: one older than the lead time describes a
 * moment already past (the capacity would arrive after the load it was for).
 *
 * @example
 * isExecutable(Date.parse(decision.decidedAt), Date.now(), 5); // false after 5 minutes
 */
export const isExecutable = (decidedAt: number, now: number, leadMin: number): boolean =>
  now - decidedAt <= leadMin * MS_PER_MIN;

/**
 * Whether a decision must be sent to the actuator: only when it asks for another number than
 * the last one sent (identical consecutive decisions are recorded, not re-sent).
 *
 * @example
 * shouldSend(6, { desired: 6 }); // false
 */
export const shouldSend = (lastSentDesired: number | null, decision: Pick<ScaleDecision, 'desired'>): boolean =>
  lastSentDesired !== decision.desired;
