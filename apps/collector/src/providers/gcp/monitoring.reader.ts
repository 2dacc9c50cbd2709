import type { MetricServiceClient, protos } from '@google-cloud/monitoring';
import { MS_PER_SECOND, NS_PER_MS } from '@autoscale/time-units';
import { addPoint } from '../cloud/series-merge';
import type { Series } from '../cloud/series-merge';
import type { GcpMetric, ListTimeSeriesRequest } from './monitoring-requests';
import { withRetry } from './gcp-retry';
import type { RetryPolicy } from './gcp-retry';

type Timestamp = protos.google.protobuf.ITimestamp;
type Point = protos.google.monitoring.v3.IPoint;

/** Per instance id: its series (percent), and labels worth showing (zone, instance name). */
export type InstanceSeries = { series: Map<string, Series>; labels: Map<string, Record<string, string>> };

/**
 * Reads every page of `request`, each page retried on its own, so a throttled third page does
 * not re-read the first two. The library's own retry is off: one policy, ours, applies.
 *
 * @example
 * const { series } = await readTimeSeries(client, listRequest(…), GCP_METRICS.cpu, DEFAULT_RETRY);
 */
export async function readTimeSeries(
  client: MetricServiceClient,
  request: ListTimeSeriesRequest,
  metric: GcpMetric,
  retry: RetryPolicy,
  into: InstanceSeries = { series: new Map(), labels: new Map() },
): Promise<InstanceSeries> {
  let next: ListTimeSeriesRequest | null = request;
  while (next) {
    const pageRequest: ListTimeSeriesRequest = next;
    const [page, nextRequest] = await withRetry(
      () => client.listTimeSeries(pageRequest, { autoPaginate: false, retry: null }),
      retry,
    );
    for (const series of page) {
      const instanceId = series.resource?.labels?.instance_id;
      if (!instanceId) continue;
      for (const point of series.points ?? []) {
        const t = timestampMs(point.interval?.endTime);
        const value = pointValue(point);
        if (t !== undefined && value !== undefined) addPoint(into.series, instanceId, t, value * metric.scale);
      }
      into.labels.set(instanceId, { ...into.labels.get(instanceId), ...describe(series) });
    }
    next = nextRequest;
  }
  return into;
}

/** Seconds arrive as a number, a string or a Long depending on the transport. */
function timestampMs(ts: Timestamp | null | undefined): number | undefined {
  if (!ts || ts.seconds === null || ts.seconds === undefined) return undefined;
  const ms = Number(String(ts.seconds)) * MS_PER_SECOND + Math.round((ts.nanos ?? 0) / NS_PER_MS);
  return Number.isFinite(ms) ? ms : undefined;
}

function pointValue(point: Point): number | undefined {
  const v = point.value;
  if (!v) return undefined;
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  if (v.int64Value !== null && v.int64Value !== undefined) return Number(String(v.int64Value));
  return undefined;
}

function describe(series: protos.google.monitoring.v3.ITimeSeries): Record<string, string> {
  const zone = series.resource?.labels?.zone;
  const name = series.metric?.labels?.instance_name;
  return { ...(zone ? { zone } : {}), ...(name ? { instance_name: name } : {}) };
}
