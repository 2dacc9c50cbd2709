import { LIMITS } from '@autoscale/contracts';
import { addPoint } from '../cloud/series-merge';
import type { Series } from '../cloud/series-merge';
import type { PromSeries } from './prometheus-answer.schema';

/** One metric read from a query: per resource id its series, its labels, and what was unusable. */
export type ResourceSeries = {
  series: Map<string, Series>;
  labels: Map<string, Record<string, string>>;
  /** Points that were NaN or ±Inf (a division by zero, a counter reset): skipped, counted. */
  invalid: number;
  /** Series that lacked a resource label: skipped, counted. */
  unnamed: number;
};

/**
 * Groups a query's series by resource: the id is the values of `resourceLabels` joined by
 * `/`, the other labels (bounded as samples allow) travel with the samples. Values are
 * percent, clamped to 0–100; NaN and infinities are skipped, never turned into numbers.
 *
 * @example
 * const cpu = resourceSeries([{ metric: { instance: 'web-1:9100' }, points: [[1700000000000, '37.5']] }], ['instance']);
 * cpu.series.get('web-1:9100'); // Map { 1700000000000 → 37.5 }
 */
export function resourceSeries(result: PromSeries[], resourceLabels: readonly string[]): ResourceSeries {
  const out: ResourceSeries = { series: new Map(), labels: new Map(), invalid: 0, unnamed: 0 };
  for (const { metric, points } of result) {
    const parts = resourceLabels.map((l) => metric[l]);
    if (parts.some((p) => !p)) {
      out.unnamed++;
      continue;
    }
    const id = parts.join('/').slice(0, LIMITS.idChars);
    for (const [t, raw] of points) {
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        out.invalid++;
        continue;
      }
      addPoint(out.series, id, t, value);
    }
    out.labels.set(id, { ...out.labels.get(id), ...sampleLabels(metric) });
  }
  return out;
}

/** The series' labels a sample can carry: no `__name__`, bounded in count and length. */
function sampleLabels(metric: Record<string, string>): Record<string, string> {
  const entries = Object.entries(metric)
    .filter(([k, v]) => k !== '__name__' && v !== '' && k.length <= LIMITS.labelChars)
    .map(([k, v]): [string, string] => [k, v.slice(0, LIMITS.labelChars)])
    .slice(0, LIMITS.labelPairs);
  return Object.fromEntries(entries);
}
