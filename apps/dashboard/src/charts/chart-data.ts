import { MS_PER_MIN } from '@autoscale/time-units';
import type { ForecastSummary } from '../api/forecast-summary';

export type Sample = { ts: number; value: number };

/** uPlot's aligned columns: x (seconds), samples, forecast, band low, band high, threshold. */
export type ChartColumns = [
  number[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
];

const MIN_AHEAD_MS = 10 * MS_PER_MIN;

/**
 * How far ahead the chart looks: as far as it looks back (at least 10 min), and always far
 * enough to show the predicted breach window — so a short history is not squeezed into a
 * sliver by a long forecast horizon.
 */
function aheadLimit(samples: Sample[], forecast: ForecastSummary | undefined): number {
  const first = samples[0]?.ts ?? 0;
  const last = samples.at(-1)?.ts ?? 0;
  const breach = Math.max(forecast?.latest ?? 0, forecast?.breachAt ?? 0);
  return Math.max(last + Math.max(last - first, MIN_AHEAD_MS), breach);
}

/**
 * Puts samples and forecast points on one time axis. The forecast line starts at the newest
 * sample, so line and band visibly continue the series; the threshold spans the whole axis.
 */
export function chartColumns(
  samples: Sample[],
  forecast: ForecastSummary | undefined,
  threshold: number | null,
): ChartColumns {
  const rows = new Map<number, { sample?: number; value?: number; lo?: number; hi?: number }>();
  for (const s of samples) rows.set(s.ts, { ...rows.get(s.ts), sample: s.value });
  const limit = aheadLimit(samples, forecast);
  const points = (forecast?.points ?? []).filter((p) => samples.length === 0 || p.ts <= limit);
  const last = samples.at(-1);
  if (points.length > 0 && last)
    rows.set(last.ts, { ...rows.get(last.ts), value: last.value, lo: last.value, hi: last.value });
  for (const p of points) rows.set(p.ts, { ...rows.get(p.ts), value: p.value, lo: p.lo, hi: p.hi });
  const xs = [...rows.keys()].sort((a, b) => a - b);
  const col = (pick: (r: { sample?: number; value?: number; lo?: number; hi?: number }) => number | undefined) =>
    xs.map((x) => pick(rows.get(x)!) ?? null);
  return [
    xs.map((x) => x / 1000),
    col((r) => r.sample),
    col((r) => r.value),
    col((r) => r.lo),
    col((r) => r.hi),
    xs.map(() => threshold),
  ];
}
