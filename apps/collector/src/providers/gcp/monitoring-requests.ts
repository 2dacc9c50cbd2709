import type { protos } from '@google-cloud/monitoring';
import type { TimeWindow } from '../cloud/poll-window';

export type ListTimeSeriesRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;

/** A Cloud Monitoring metric, and the factor that makes its values percent. */
export type GcpMetric = { type: string; scale: number; labelFilter?: string };

/**
 * CPU is a 0–1 fraction measured by the hypervisor; memory needs the Ops Agent (or the legacy
 * monitoring agent), reports one series per state, and only `used` is what fills up.
 */
export const GCP_METRICS = {
  cpu: { type: 'compute.googleapis.com/instance/cpu/utilization', scale: 100 },
  mem: { type: 'agent.googleapis.com/memory/percent_used', scale: 1, labelFilter: 'metric.labels.state = "used"' },
} as const satisfies Record<'cpu' | 'mem', GcpMetric>;

/** Instances per request: keeps the filter well under the API's length limit. */
export const INSTANCES_PER_REQUEST = 20;

/**
 * The filter selecting one metric of the given instances (ids as Cloud Monitoring labels them).
 *
 * @example
 * timeSeriesFilter(GCP_METRICS.cpu, ['123', '456']);
 * // 'metric.type = "compute.googleapis.com/instance/cpu/utilization" AND resource.type = "gce_instance"
 * //  AND (resource.labels.instance_id = "123" OR resource.labels.instance_id = "456")'
 */
export function timeSeriesFilter(metric: GcpMetric, instanceIds: readonly string[]): string {
  const ids = instanceIds.map((id) => `resource.labels.instance_id = "${id}"`).join(' OR ');
  return [`metric.type = "${metric.type}"`, 'resource.type = "gce_instance"', metric.labelFilter, `(${ids})`]
    .filter(Boolean)
    .join(' AND ');
}

/**
 * A `projects.timeSeries.list` request for `window`, each series averaged (`ALIGN_MEAN`) over
 * the poll period so that points fall on period boundaries.
 *
 * @example
 * listRequest('my-project', GCP_METRICS.mem, ['123'], window, 300).aggregation;
 * // { alignmentPeriod: { seconds: 300 }, perSeriesAligner: 'ALIGN_MEAN' }
 */
export function listRequest(
  projectId: string,
  metric: GcpMetric,
  instanceIds: readonly string[],
  window: TimeWindow,
  periodSeconds: number,
): ListTimeSeriesRequest {
  return {
    name: `projects/${projectId}`,
    filter: timeSeriesFilter(metric, instanceIds),
    interval: {
      startTime: { seconds: window.start.getTime() / 1000 },
      endTime: { seconds: window.end.getTime() / 1000 },
    },
    aggregation: { alignmentPeriod: { seconds: periodSeconds }, perSeriesAligner: 'ALIGN_MEAN' },
    view: 'FULL',
  };
}
