import { MS_PER_DAY, MS_PER_MIN } from '@autoscale/time-units';
import type { Sample } from '../types';

/** The first hour of a series is warm-up: no incident or alert there is scored. */
const WARMUP_MS = 60 * MS_PER_MIN;
/** An incident needs this much quiet (no sample at or above the threshold) before it. */
const QUIET_BEFORE_MS = 30 * MS_PER_MIN;
/** Alerts get this much slack beyond the lookahead to count as on time. */
const GRACE_MS = 15 * MS_PER_MIN;

/** The part of a notification the scoring looks at. */
export type ScoredNotification = {
  t: number;
  kind: 'forecast' | 'breach' | 'resolved';
  /** The series value when the notification was sent. */
  current: number;
};

export type ScoringOptions = { threshold: number; lookaheadMin: number };

/** Raw counts for one series; add them up across series with {@link sumScores}. */
export type SeriesScore = {
  incidents: number;
  detectedIncidents: number;
  predictiveAlerts: number;
  truePositives: number;
  falsePositives: number;
  /** Incident start minus the earliest on-time alert, one entry per detected incident. */
  leadTimesMin: number[];
  days: number;
};

/** Ratios derived from summed counts. */
export type ScoreSummary = SeriesScore & {
  recall: number;
  precision: number;
  f1: number;
  medianLeadMin: number | null;
  falseAlarmsPerDay: number;
};

/**
 * Start times of incidents: a sample at or above the threshold whose next sample is too,
 * with no sample at or above it in the 30 minutes before; none in the first hour.
 *
 * @example
 * findIncidents(samples, 90); // [1400112000000, ...]
 */
export function findIncidents(samples: readonly Sample[], threshold: number): number[] {
  const first = samples[0];
  if (!first) return [];
  const starts: number[] = [];
  let lastAbove = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.value < threshold) continue;
    const next = samples[i + 1];
    const quietBefore = s.t - lastAbove > QUIET_BEFORE_MS;
    if (next && next.value >= threshold && quietBefore && s.t - first.t >= WARMUP_MS) starts.push(s.t);
    lastAbove = s.t;
  }
  return starts;
}

/**
 * Scores one series' notifications exactly as the backtest defines it: a predictive alert
 * is a `forecast` notification sent below the threshold after the first hour; it is a true
 * positive when an incident starts after it within lookahead + 15 minutes.
 *
 * @example
 * scoreSeries(samples, notifications, { threshold: 90, lookaheadMin: 60 }).truePositives;
 */
export function scoreSeries(
  samples: readonly Sample[],
  notifications: readonly ScoredNotification[],
  opts: ScoringOptions,
): SeriesScore {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const days = first && last ? (last.t - first.t) / MS_PER_DAY : 0;
  const incidents = findIncidents(samples, opts.threshold);
  const reach = opts.lookaheadMin * MS_PER_MIN + GRACE_MS;
  const alerts = notifications
    .filter((n) => n.kind === 'forecast' && n.current < opts.threshold)
    .filter((n) => first !== undefined && n.t - first.t >= WARMUP_MS)
    .map((n) => n.t);

  const covers = (alert: number, start: number) => start > alert && start - alert <= reach;
  const truePositives = alerts.filter((a) => incidents.some((start) => covers(a, start))).length;
  const leadTimesMin: number[] = [];
  for (const start of incidents) {
    const onTime = alerts.filter((a) => covers(a, start));
    if (onTime.length > 0) leadTimesMin.push((start - Math.min(...onTime)) / MS_PER_MIN);
  }
  return {
    incidents: incidents.length,
    detectedIncidents: leadTimesMin.length,
    predictiveAlerts: alerts.length,
    truePositives,
    falsePositives: alerts.length - truePositives,
    leadTimesMin,
    days,
  };
}

/**
 * Adds per-series counts and derives recall, precision, F1, median lead time and false
 * alarms per day from the totals (not an average of per-series ratios).
 *
 * @example
 * summariseScores([scoreA, scoreB]).f1;
 */
export function summariseScores(scores: readonly SeriesScore[]): ScoreSummary {
  const total = sumScores(scores);
  const recall = total.incidents > 0 ? total.detectedIncidents / total.incidents : 0;
  const precision = total.predictiveAlerts > 0 ? total.truePositives / total.predictiveAlerts : 0;
  const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
  return {
    ...total,
    recall,
    precision,
    f1,
    medianLeadMin: median(total.leadTimesMin),
    falseAlarmsPerDay: total.days > 0 ? total.falsePositives / total.days : 0,
  };
}

function sumScores(scores: readonly SeriesScore[]): SeriesScore {
  const zero: SeriesScore = {
    incidents: 0,
    detectedIncidents: 0,
    predictiveAlerts: 0,
    truePositives: 0,
    falsePositives: 0,
    leadTimesMin: [],
    days: 0,
  };
  return scores.reduce<SeriesScore>(
    (acc, s) => ({
      incidents: acc.incidents + s.incidents,
      detectedIncidents: acc.detectedIncidents + s.detectedIncidents,
      predictiveAlerts: acc.predictiveAlerts + s.predictiveAlerts,
      truePositives: acc.truePositives + s.truePositives,
      falsePositives: acc.falsePositives + s.falsePositives,
      leadTimesMin: [...acc.leadTimesMin, ...s.leadTimesMin],
      days: acc.days + s.days,
    }),
    zero,
  );
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
