import type { ForecastSummary } from '../api/forecast-summary';

export type Sample = { ts: number; value: number };

/** uPlot's aligned columns: x (seconds), samples, forecast, band low, band high, threshold. */
export type ChartColumns = [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Puts samples and forecast points on one time axis. The forecast line starts at the newest
 * sample, so line and band visibly continue the series; the threshold spans the whole axis.
 */
export function chartColumns(samples: Sample[], forecast: ForecastSummary | undefined, threshold: number | null): ChartColumns {
  const rows = new Map<number, { sample?: number; value?: number; lo?: number; hi?: number }>();
  for (const s of samples) rows.set(s.ts, { ...rows.get(s.ts), sample: s.value });
  const points = forecast?.points ?? [];
  const last = samples.at(-1);
  if (points.length > 0 && last) rows.set(last.ts, { ...rows.get(last.ts), value: last.value, lo: last.value, hi: last.value });
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
