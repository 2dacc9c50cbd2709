import type { ResourceSample } from '../provider';

/** One metric of one resource: epoch milliseconds → percent. */
export type Series = Map<number, number>;

/**
 * Joins a resource's CPU and memory series into samples, one per timestamp, oldest first.
 *
 * A timestamp is published only once it is *settled*: each metric either has a value there or
 * has already moved past it (or has no data at all, like memory without the CloudWatch agent).
 * Otherwise the newest CPU point would go out alone while its memory point is still on the
 * way, and the complete sample that follows would be dropped as a duplicate.
 *
 * @example
 * mergeResourceSeries('i-1', new Map([[0, 10], [60_000, 12]]), new Map([[0, 40]]));
 * // [{ resourceId: 'i-1', ts: 1970-01-01T00:00:00Z, metrics: { cpu: 10, mem: 40 } }]
 * // (12 % at 60 s waits for its memory point)
 */
export function mergeResourceSeries(
  resourceId: string,
  cpu: Series,
  mem: Series,
  labels?: Record<string, string>,
): ResourceSample[] {
  const cpuLast = newest(cpu);
  const memLast = newest(mem);
  const times = [...new Set([...cpu.keys(), ...mem.keys()])].sort((a, b) => a - b);
  const samples: ResourceSample[] = [];
  for (const t of times) {
    const c = cpu.get(t);
    const m = mem.get(t);
    if ((c === undefined && t >= cpuLast) || (m === undefined && t >= memLast)) continue;
    samples.push({
      resourceId,
      ts: new Date(t),
      metrics: { ...(c === undefined ? {} : { cpu: c }), ...(m === undefined ? {} : { mem: m }) },
      ...(labels ? { labels } : {}),
    });
  }
  return samples;
}

/**
 * A cloud value as the contract wants it: percent within 0–100 (CloudWatch reports 100.0001
 * now and then), two decimals; `undefined` for NaN and other non-numbers.
 *
 * @example
 * toPercent(100.0004); // 100
 * toPercent(Number.NaN); // undefined
 */
export function toPercent(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return Math.round(Math.min(100, Math.max(0, value)) * 100) / 100;
}

/**
 * Adds a point (as {@link toPercent} makes it) to the series of `key`, creating it on first use.
 *
 * @example
 * const byResource = new Map<string, Series>();
 * addPoint(byResource, 'i-0abc', Date.parse('2024-05-01T10:00:00Z'), 41.237); // byResource.get('i-0abc') → Map { … → 41.24 }
 */
export function addPoint(into: Map<string, Series>, key: string, t: number, value: number): void {
  const percent = toPercent(value);
  if (percent === undefined) return;
  let series = into.get(key);
  if (!series) into.set(key, (series = new Map()));
  series.set(t, percent);
}

/** A metric with no data at all counts as past every timestamp: it is absent, not late. */
function newest(series: Series): number {
  if (series.size === 0) return Infinity;
  let last = -Infinity;
  for (const t of series.keys()) last = Math.max(last, t);
  return last;
}
