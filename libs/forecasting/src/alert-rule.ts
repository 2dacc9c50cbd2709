import { MS_PER_MIN } from '@autoscale/time-units';
import { probabilityWithin } from './breach-probability';
import type { BreachProbability, SaturationWindow } from './types';

export type AlertRuleParams = {
  /** Notify when the likely (sustained) crossing is at most this far ahead. */
  lookaheadMin: number;
  /** An open episode is notified again after this long. */
  renotifyMin: number;
  /** Debounce: a forecast opens an episode once predicted in `confirmCount` of the last `confirmOf` forecasts. */
  confirmCount: number;
  confirmOf: number;
  /** A breach is declared after this many consecutive samples at or above the threshold. */
  breachCount: number;
  /** Hysteresis: an episode resolves only after this long with no prediction and no breach… */
  clearMin: number;
  /** …and with the current value this many points below the threshold. */
  clearMargin: number;
  /**
   * After a breach, the value must stay below the threshold this long before a new crossing is
   * forecast anew. 20 min (four polls below, 25 min after the last sample above): with the next
   * poll, the soonest crossing such a warning can announce comes 30 min after the last one —
   * the quiet an incident needs to be a new one rather than the same saturation resuming.
   */
  recurAfterMin: number;
  /**
   * Warm-up: no `forecast` notification before a series has had this many forecasts. The
   * first forecasts extrapolate a trend fitted to a handful of samples with an uncalibrated
   * interval, and would page on a new, perfectly quiet machine. Breaches are never held.
   */
  warmupCount: number;
  /**
   * A forecast that carries a breach probability predicts a crossing when P(sustained
   * crossing within the lookahead) is at least this, or when even the 80 % lower bound
   * crosses within the lookahead; one that does not falls back to "the likely crossing is
   * within the lookahead".
   */
  probabilityThreshold: number;
};

/**
 * Defaults, each stated relative to the poll interval or the threshold rather than fitted to
 * a file: two of three 5-minute forecasts (one noisy forecast never pages), two samples above
 * the threshold for a breach (the backtest's own definition of an incident), half an hour
 * quiet and 5 points of margin before "resolved" (a series hovering at the line does not flap).
 */
export const DEFAULT_ALERT_RULE_PARAMS: AlertRuleParams = {
  lookaheadMin: 60,
  renotifyMin: 240,
  confirmCount: 2,
  confirmOf: 3,
  breachCount: 2,
  clearMin: 30,
  clearMargin: 5,
  recurAfterMin: 20,
  warmupCount: 12,
  probabilityThreshold: 0.15,
};

/** What the rule sees of one forecast; every field is carried by `forecast.updated`. */
export type AlertObservation = {
  t: number;
  current: number;
  threshold: number;
  breach: SaturationWindow | null;
  model: string;
  breachProbability?: BreachProbability[];
};

/** JSON-serialisable, bounded state of one (resource, metric) series. */
export type AlertRuleState = {
  status: 'ok' | 'forecast' | 'breach';
  /** Time the open episode started; null when none is open. */
  episodeStartedAt: number | null;
  lastNotifiedAt: number | null;
  /** Whether each of the last `confirmOf` forecasts predicted a crossing, newest last. */
  recentPredicted?: boolean[];
  /** Consecutive observations at or above the threshold. */
  aboveCount?: number;
  /** Since when neither a crossing is predicted nor the threshold is reached; null while one is. */
  quietSince?: number | null;
  /** Since when the value has stayed below the threshold; null while at or above it. */
  belowSince?: number | null;
  /** Forecasts seen, counted up to `warmupCount` only (bounded). */
  seen?: number;
};

export type AlertNotification = {
  kind: 'forecast' | 'breach' | 'resolved';
  severity: 'info' | 'warning' | 'critical';
  breachAt: number | null;
  episodeStartedAt: number;
};

export type AlertDecision = {
  state: AlertRuleState;
  notify: AlertNotification | null;
  /** The probability of a sustained crossing within the lookahead the decision used, when the forecast carried one. */
  probability?: number;
};

export const INITIAL_ALERT_RULE_STATE: AlertRuleState = {
  status: 'ok',
  episodeStartedAt: null,
  lastNotifiedAt: null,
  recentPredicted: [],
  aboveCount: 0,
  quietSince: null,
  belowSince: null,
  seen: 0,
};

/**
 * Decides, for one forecast, whether to notify, with debounce and hysteresis:
 * - `forecast` (warning) opens an episode when a sustained crossing is predicted within the
 *   lookahead in `confirmCount` of the last `confirmOf` forecasts;
 * - `breach` (critical) when the value has been at or above the threshold `breachCount`
 *   samples in a row (opening or escalating the episode, once);
 * - nothing repeats until `renotifyMin` has passed;
 * - `resolved` once nothing was predicted or breached for `clearMin` and the value is
 *   `clearMargin` below the threshold.
 * It depends only on the state and the observation, so the alerter and the backtest agree.
 *
 * @example
 * const { state, notify } = evaluateAlertRule(INITIAL_ALERT_RULE_STATE, obs, DEFAULT_ALERT_RULE_PARAMS);
 */
export function evaluateAlertRule(
  state: AlertRuleState,
  obs: AlertObservation,
  params: AlertRuleParams,
): AlertDecision {
  const above = obs.current >= obs.threshold;
  const likely = obs.breach?.likely ?? null;
  const probability = obs.breachProbability ? probabilityWithin(obs.breachProbability, params.lookaheadMin) : undefined;
  const within = (at: number | null | undefined) => at != null && at - obs.t <= params.lookaheadMin * MS_PER_MIN;
  // Even the 80 % lower bound crossing within the lookahead is a confident crossing (a clean
  // ramp, a leak), which the learned probability, fitted on bursty CPU, under-rates.
  const predicted =
    probability !== undefined
      ? probability >= params.probabilityThreshold || within(obs.breach?.latest)
      : within(likely);
  const recentPredicted = [...(state.recentPredicted ?? []), predicted].slice(-params.confirmOf);
  const aboveCount = above ? (state.aboveCount ?? 0) + 1 : 0;
  const quietSince = predicted || above ? null : (state.quietSince ?? obs.t);
  const belowSince = above ? null : (state.belowSince ?? obs.t);
  const seen = Math.min((state.seen ?? 0) + 1, params.warmupCount);
  const withP = probability === undefined ? {} : { probability };
  const next: AlertRuleState = { ...state, recentPredicted, aboveCount, quietSince, belowSince, seen };

  const breaching = aboveCount >= params.breachCount;
  const confirmed =
    seen >= params.warmupCount && predicted && recentPredicted.filter(Boolean).length >= params.confirmCount;

  if (state.status !== 'ok' && !breaching && !confirmed) {
    const cleared =
      quietSince !== null &&
      obs.t - quietSince >= params.clearMin * MS_PER_MIN &&
      obs.current <= obs.threshold - params.clearMargin;
    if (!cleared) return { state: next, notify: null, ...withP };
    return {
      state: { ...INITIAL_ALERT_RULE_STATE, recentPredicted, aboveCount, quietSince, belowSince, seen },
      notify: { kind: 'resolved', severity: 'info', breachAt: null, episodeStartedAt: state.episodeStartedAt ?? obs.t },
      ...withP,
    };
  }
  if (!breaching && !confirmed) return { state: next, notify: null, ...withP };

  const status = breaching ? 'breach' : 'forecast';
  const episodeStartedAt = state.episodeStartedAt ?? obs.t;
  const escalates = status === 'breach' && state.status !== 'breach';
  // After a breach has been over for recurAfterMin, a newly predicted one is news, not a repeat.
  const recurs =
    status === 'forecast' &&
    state.status === 'breach' &&
    belowSince !== null &&
    obs.t - belowSince >= params.recurAfterMin * MS_PER_MIN;
  const renotifyDue = state.lastNotifiedAt !== null && obs.t - state.lastNotifiedAt >= params.renotifyMin * MS_PER_MIN;
  if (state.status !== 'ok' && !escalates && !recurs && !renotifyDue) {
    return {
      state: { ...next, status: state.status === 'breach' ? 'breach' : status, episodeStartedAt },
      notify: null,
      ...withP,
    };
  }
  return {
    state: { ...next, status, episodeStartedAt, lastNotifiedAt: obs.t },
    notify: {
      kind: status,
      severity: status === 'breach' ? 'critical' : 'warning',
      breachAt: breaching ? obs.t : (likely ?? obs.breach?.earliest ?? null),
      episodeStartedAt,
    },
    ...withP,
  };
}
