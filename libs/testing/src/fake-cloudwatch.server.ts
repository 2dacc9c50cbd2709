import { randomUUID } from 'node:crypto';
import { startTestServer } from './http-test.server';
import type { TestRequest, TestResponse } from './http-test.server';

/**
 * A local stand-in for CloudWatch's `GetMetricData`, speaking the protocol the installed SDK
 * really uses: AWS JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`,
 * timestamps as epoch seconds) in awsQuery-compatible mode, where errors carry their query
 * error code in `x-amzn-query-error`. Raw datapoints are averaged into `Period` buckets,
 * answers are paged by `NextToken`, and failures can be scripted.
 */

export type FakeMetric = { namespace: string; metricName: string; dimensions: Record<string, string> };
export type FakeDatapoint = { ts: Date; value: number };
export type FakeFailure = 'throttle' | 'accessDenied' | 'invalidToken' | 'unavailable';

type WireQuery = {
  Id: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
};

/** A GetMetricData request as it arrived, body parsed, for assertions. */
export type RecordedGetMetricData = {
  headers: TestRequest['headers'];
  queries: WireQuery[];
  startTime: number;
  endTime: number;
  scanBy: string | undefined;
  nextToken: string | undefined;
};

export type FakeCloudWatchOptions = {
  /** Raw datapoints of a metric; none when the instance or metric does not exist. */
  datapoints: (metric: FakeMetric) => FakeDatapoint[];
  /** Datapoints per response page (real CloudWatch: up to 100,800); smaller forces NextToken paging. */
  pageSize?: number;
};

const TARGET = 'GraniteServiceVersion20100801.GetMetricData';

const FAILURES: Record<FakeFailure, TestResponse> = {
  throttle: errorResponse(
    400,
    'Throttling;Sender',
    'com.amazon.coral.availability#ThrottlingException',
    'Rate exceeded',
  ),
  accessDenied: errorResponse(
    400,
    'AccessDenied;Sender',
    'com.amazon.coral.service#AccessDeniedException',
    'User: arn:aws:iam::123456789012:user/collector is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
  ),
  invalidToken: errorResponse(
    403,
    'InvalidClientTokenId;Sender',
    'com.amazon.coral.service#UnrecognizedClientException',
    'The security token included in the request is invalid.',
  ),
  unavailable: errorResponse(
    503,
    'ServiceUnavailable;Receiver',
    'com.amazon.coral.availability#ServiceUnavailableException',
    'Service unavailable',
  ),
};

/**
 * Starts the fake on 127.0.0.1; point the SDK at it with `AWS_ENDPOINT_URL`.
 *
 * @example
 * const cloudwatch = await startFakeCloudWatch({ datapoints: () => [{ ts: new Date(), value: 42 }], pageSize: 10 });
 * vi.stubEnv('AWS_ENDPOINT_URL', cloudwatch.url);
 * cloudwatch.failNext('throttle', 2);
 */
export async function startFakeCloudWatch(opts: FakeCloudWatchOptions) {
  const requests: RecordedGetMetricData[] = [];
  const failures: FakeFailure[] = [];

  const server = await startTestServer((req) => {
    if (req.method !== 'POST' || req.headers['x-amz-target'] !== TARGET) {
      return errorResponse(
        400,
        'InvalidAction;Sender',
        'UnknownOperationException',
        `unexpected ${req.method} ${String(req.headers['x-amz-target'])}`,
      );
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return errorResponse(
        400,
        'MissingAuthenticationToken;Sender',
        'MissingAuthenticationTokenException',
        'Request is missing Authentication Token',
      );
    }
    const body = JSON.parse(req.body) as Record<string, unknown>;
    const recorded: RecordedGetMetricData = {
      headers: req.headers,
      queries: (body.MetricDataQueries as WireQuery[] | undefined) ?? [],
      startTime: Number(body.StartTime),
      endTime: Number(body.EndTime),
      scanBy: body.ScanBy as string | undefined,
      nextToken: body.NextToken as string | undefined,
    };
    requests.push(recorded);
    const failure = failures.shift();
    if (failure) return FAILURES[failure];
    if (recorded.queries.length > 500) {
      return errorResponse(
        400,
        'ValidationError;Sender',
        'ValidationException',
        'The collection MetricDataQueries must not have a size greater than 500.',
      );
    }
    return answer(recorded, opts);
  });

  return {
    url: server.url,
    requests,
    /** The next `times` requests fail this way, then answers resume. */
    failNext(kind: FakeFailure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(kind);
    },
    close: server.close,
  };
}

export type FakeCloudWatch = Awaited<ReturnType<typeof startFakeCloudWatch>>;

function answer(req: RecordedGetMetricData, opts: FakeCloudWatchOptions): TestResponse {
  const points = req.queries.flatMap((query) =>
    aggregate(query, req, opts).map(([ts, value]) => ({ id: query.Id, ts, value })),
  );
  const offset = req.nextToken ? Number(req.nextToken) : 0;
  const pageSize = opts.pageSize ?? 100_800;
  const page = points.slice(offset, offset + pageSize);
  const rest = points.slice(offset + pageSize);
  const results = req.queries.map((query) => {
    const mine = page.filter((p) => p.id === query.Id);
    return {
      Id: query.Id,
      Label: query.MetricStat?.Metric.MetricName ?? query.Id,
      Timestamps: mine.map((p) => p.ts),
      Values: mine.map((p) => p.value),
      StatusCode: rest.some((p) => p.id === query.Id) ? 'PartialData' : 'Complete',
    };
  });
  const next = offset + pageSize < points.length ? { NextToken: String(offset + pageSize) } : {};
  return json(200, { MetricDataResults: results, Messages: [], ...next });
}

/** Averages raw datapoints into `Period` buckets inside [StartTime, EndTime), as CloudWatch does. */
function aggregate(query: WireQuery, req: RecordedGetMetricData, opts: FakeCloudWatchOptions): [number, number][] {
  const stat = query.MetricStat;
  if (!stat) return [];
  const metric: FakeMetric = {
    namespace: stat.Metric.Namespace,
    metricName: stat.Metric.MetricName,
    dimensions: Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value])),
  };
  const buckets = new Map<number, number[]>();
  for (const point of opts.datapoints(metric)) {
    const seconds = point.ts.getTime() / 1000;
    if (seconds < req.startTime || seconds >= req.endTime) continue;
    const bucket = Math.floor(seconds / stat.Period) * stat.Period;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
  }
  const rows = [...buckets].map(([ts, values]): [number, number] => [
    ts,
    values.reduce((a, b) => a + b, 0) / values.length,
  ]);
  rows.sort((a, b) => (req.scanBy === 'TimestampAscending' ? a[0] - b[0] : b[0] - a[0]));
  return rows;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): TestResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...headers },
    body: JSON.stringify(body),
  };
}

function errorResponse(status: number, queryError: string, type: string, message: string): TestResponse {
  return json(status, { __type: type, message }, { 'x-amzn-query-error': queryError });
}
