import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/** Where one metric lives in CloudWatch, and which dimension carries the resource id. */
export type CloudWatchMetric = { namespace: string; metricName: string; dimension: string };

export type MetricKey = 'cpu' | 'mem';

/** GetMetricData takes at most this many queries per request (CloudWatch API reference). */
export const MAX_QUERIES_PER_REQUEST = 500;

/**
 * One `Average` query per (resource, metric). Query ids must match `^[a-z][a-zA-Z0-9_]*$`,
 * which instance ids do not, so the id is the metric plus the resource's position in the list;
 * {@link parseQueryId} maps it back.
 *
 * @example
 * buildQueries(['i-0abc'], { cpu: ec2Cpu, mem: agentMem }, 300).map((q) => q.Id); // ['cpu_0', 'mem_0']
 */
export function buildQueries(
  resourceIds: readonly string[],
  metrics: Record<MetricKey, CloudWatchMetric>,
  periodSeconds: number,
): MetricDataQuery[] {
  return resourceIds.flatMap((resourceId, index) =>
    (['cpu', 'mem'] as const).map((key) => ({
      Id: `${key}_${index}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: metrics[key].namespace,
          MetricName: metrics[key].metricName,
          Dimensions: [{ Name: metrics[key].dimension, Value: resourceId }],
        },
        Period: periodSeconds,
        Stat: 'Average',
      },
    })),
  );
}

/**
 * The metric and resource index a query id stands for; null for an id this provider did not make.
 *
 * @example
 * parseQueryId('mem_12'); // { key: 'mem', index: 12 }
 */
export function parseQueryId(id: string): { key: MetricKey; index: number } | null {
  const match = /^(cpu|mem)_(\d+)$/.exec(id);
  if (!match) return null;
  return { key: match[1] === 'cpu' ? 'cpu' : 'mem', index: Number(match[2]) };
}
