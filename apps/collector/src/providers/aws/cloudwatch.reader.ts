import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { TimeWindow } from '../cloud/poll-window';
import { chunk } from '../cloud/chunk';
import { MAX_QUERIES_PER_REQUEST } from './cloudwatch-queries';

/** What CloudWatch returned for each query id: parallel timestamps and values, oldest first. */
export type QueryResults = Map<string, { timestamps: Date[]; values: number[] }>;

/** Query ids CloudWatch answered with `Forbidden` (cross-account access not granted). */
export type ReadOutcome = { results: QueryResults; forbidden: string[] };

/**
 * Runs `queries` over `window`: at most 500 queries a request, one request after the other so
 * as not to invite throttling, each followed through every `NextToken` page. Throttling and
 * transient errors are retried by the SDK's own backoff (`maxAttempts` on the client).
 *
 * @example
 * const { results } = await readMetricData(client, buildQueries(ids, metrics, 300), window);
 */
export async function readMetricData(
  client: CloudWatchClient,
  queries: readonly MetricDataQuery[],
  window: TimeWindow,
): Promise<ReadOutcome> {
  const results: QueryResults = new Map();
  const forbidden = new Set<string>();
  for (const batch of chunk(queries, MAX_QUERIES_PER_REQUEST)) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const result of page.MetricDataResults ?? []) {
        if (!result.Id) continue;
        if (result.StatusCode === 'Forbidden') forbidden.add(result.Id);
        const into = results.get(result.Id) ?? { timestamps: [], values: [] };
        into.timestamps.push(...(result.Timestamps ?? []));
        into.values.push(...(result.Values ?? []));
        results.set(result.Id, into);
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
  }
  return { results, forbidden: [...forbidden] };
}
