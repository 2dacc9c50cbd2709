import { startTestServer } from './http-test.server';
import type { TestRequest, TestResponse } from './http-test.server';

/**
 * A local stand-in for Cloud Monitoring's REST `GET /v3/projects/{project}/timeSeries`, as the
 * Google client reaches it in REST (`fallback`) mode: query parameters in, JSON out, errors in
 * Google's `{error: {code, message, status}}` shape. It understands the filters the gcp
 * provider writes, averages raw points into `alignmentPeriod` buckets ending on period
 * boundaries (as `ALIGN_MEAN` does), pages by `pageToken`, and fails on request.
 */

export type FakePoint = { ts: Date; value: number };
export type FakeMonitoringFailure = 'rateLimited' | 'permissionDenied' | 'unauthenticated' | 'unavailable';

export type FakeInstance = { id: string; zone: string; name: string };

/** A timeSeries.list request as it arrived, for assertions. */
export type RecordedListTimeSeries = { path: string; params: URLSearchParams; headers: TestRequest['headers'] };

export type FakeMonitoringOptions = {
  project: string;
  instances: FakeInstance[];
  /** Raw points of one metric type of one instance; none when it has none. */
  points: (metricType: string, instanceId: string) => FakePoint[];
  /** Time series per page (the real API pages by its own measure); smaller forces pageToken paging. */
  pageSize?: number;
};

const FAILURES: Record<FakeMonitoringFailure, TestResponse> = {
  rateLimited: googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Time series queries'."),
  permissionDenied: googleError(
    403,
    'PERMISSION_DENIED',
    'Permission monitoring.timeSeries.list denied (or the resource may not exist).',
  ),
  unauthenticated: googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
  unavailable: googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'),
};

/**
 * Starts the fake on 127.0.0.1; point the provider at it with `GCP_API_ENDPOINT`.
 *
 * @example
 * const monitoring = await startFakeMonitoring({ project: 'p', instances: [{ id: '1', zone: 'z', name: 'vm' }], points: () => [] });
 * createGcpProvider({ projectId: 'p', instanceIds: ['1'], apiEndpoint: monitoring.endpoint, intervalMs: 300_000, log });
 */
export async function startFakeMonitoring(opts: FakeMonitoringOptions) {
  const requests: RecordedListTimeSeries[] = [];
  const failures: FakeMonitoringFailure[] = [];

  const server = await startTestServer((req) => {
    const match = /^\/v3\/projects\/([^/]+)\/timeSeries$/.exec(req.url.pathname);
    if (req.method !== 'GET' || !match)
      return googleError(404, 'NOT_FOUND', `no route ${req.method} ${req.url.pathname}`);
    requests.push({ path: req.url.pathname, params: req.url.searchParams, headers: req.headers });
    const failure = failures.shift();
    if (failure) return FAILURES[failure];
    if (match[1] !== opts.project) return FAILURES.permissionDenied;
    return list(req.url.searchParams, opts);
  });

  return {
    /** For `GCP_API_ENDPOINT`: plain HTTP, so the client sends no credentials. */
    endpoint: server.url,
    requests,
    failNext(kind: FakeMonitoringFailure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(kind);
    },
    close: server.close,
  };
}

export type FakeMonitoring = Awaited<ReturnType<typeof startFakeMonitoring>>;

function list(params: URLSearchParams, opts: FakeMonitoringOptions): TestResponse {
  const filter = params.get('filter') ?? '';
  const metricType = /metric\.type = "([^"]+)"/.exec(filter)?.[1];
  if (!metricType)
    return googleError(400, 'INVALID_ARGUMENT', 'Field filter had an invalid value: a metric.type is required');
  const wanted = new Set([...filter.matchAll(/resource\.labels\.instance_id = "(\d+)"/g)].map((m) => m[1]));
  const start = Date.parse(params.get('interval.startTime') ?? '');
  const end = Date.parse(params.get('interval.endTime') ?? '');
  const period = Number.parseFloat(params.get('aggregation.alignmentPeriod') ?? '60s') * 1000;

  const series = opts.instances
    .filter((instance) => wanted.has(instance.id))
    .map((instance) => ({ instance, points: align(opts.points(metricType, instance.id), start, end, period) }))
    .filter((s) => s.points.length > 0)
    .map(({ instance, points }) => ({
      metric: {
        type: metricType,
        labels: metricType.startsWith('agent.') ? { state: 'used' } : { instance_name: instance.name },
      },
      resource: {
        type: 'gce_instance',
        labels: { project_id: opts.project, instance_id: instance.id, zone: instance.zone },
      },
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
      points,
    }));

  const offset = Number(params.get('pageToken') || '0');
  const pageSize = opts.pageSize ?? 1000;
  const more = offset + pageSize < series.length;
  return json(200, {
    timeSeries: series.slice(offset, offset + pageSize),
    unit: '',
    ...(more ? { nextPageToken: String(offset + pageSize) } : {}),
  });
}

/** ALIGN_MEAN: one point per bucket (T − period, T], T on a period boundary in (start, end], newest first. */
function align(raw: FakePoint[], start: number, end: number, period: number) {
  const buckets = new Map<number, number[]>();
  for (const point of raw) {
    const t = point.ts.getTime();
    if (t <= start || t > end) continue;
    const bucketEnd = Math.ceil(t / period) * period;
    buckets.set(bucketEnd, [...(buckets.get(bucketEnd) ?? []), point.value]);
  }
  return [...buckets]
    .sort((a, b) => b[0] - a[0])
    .map(([t, values]) => ({
      interval: { startTime: new Date(t - period).toISOString(), endTime: new Date(t).toISOString() },
      value: { doubleValue: values.reduce((a, b) => a + b, 0) / values.length },
    }));
}

function json(status: number, body: unknown): TestResponse {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

function googleError(code: number, status: string, message: string): TestResponse {
  return json(code, { error: { code, message, status } });
}
