import type { ResourceSample } from '../provider';
import { addPoint, mergeResourceSeries } from '../cloud/series-merge';
import type { Series } from '../cloud/series-merge';
import type { QueryResults } from './cloudwatch.reader';
import { parseQueryId } from './cloudwatch-queries';

export type CloudWatchSamples = {
  samples: ResourceSample[];
  /** Resources CloudWatch has no CPU data for: a wrong id or region, or a stopped instance. */
  withoutCpu: string[];
  /** Resources with CPU but no memory: no CloudWatch agent, or it publishes under other names. */
  withoutMemory: string[];
};

/**
 * Turns GetMetricData results back into per-resource samples (see {@link mergeResourceSeries}
 * for when a point is complete enough to publish).
 *
 * @example
 * toCloudWatchSamples(['i-0abc'], results).samples; // [{ resourceId: 'i-0abc', ts, metrics: { cpu, mem } }, …]
 */
export function toCloudWatchSamples(resourceIds: readonly string[], results: QueryResults): CloudWatchSamples {
  const series = { cpu: new Map<string, Series>(), mem: new Map<string, Series>() };
  for (const [id, result] of results) {
    const query = parseQueryId(id);
    const resourceId = query ? resourceIds[query.index] : undefined;
    if (!query || resourceId === undefined) continue;
    result.timestamps.forEach((ts, i) => {
      const value = result.values[i];
      if (value !== undefined) addPoint(series[query.key], resourceId, ts.getTime(), value);
    });
  }
  const empty: Series = new Map();
  const samples = resourceIds.flatMap((id) =>
    mergeResourceSeries(id, series.cpu.get(id) ?? empty, series.mem.get(id) ?? empty),
  );
  return {
    samples,
    withoutCpu: resourceIds.filter((id) => !series.cpu.has(id)),
    withoutMemory: resourceIds.filter((id) => series.cpu.has(id) && !series.mem.has(id)),
  };
}
