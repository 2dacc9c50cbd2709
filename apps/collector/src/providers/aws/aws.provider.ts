import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Logger } from '@autoscale/observability';
import type { PolledProvider, ResourceSample } from '../provider';
import { historyWindow, periodSecondsFor, pollWindow } from '../cloud/poll-window';
import type { TimeWindow } from '../cloud/poll-window';
import { awsConfigProblem } from './aws-errors';
import { buildQueries } from './cloudwatch-queries';
import type { CloudWatchMetric, MetricKey } from './cloudwatch-queries';
import { readMetricData } from './cloudwatch.reader';
import { toCloudWatchSamples } from './cloudwatch-samples';

export type AwsProviderOptions = {
  region: string;
  /** EC2 instance ids (or whatever the configured dimension holds); each is a resource id. */
  resourceIds: readonly string[];
  intervalMs: number;
  /** SDK attempts per request, the first included; throttling and 5xx are retried with backoff. */
  maxAttempts: number;
  metrics: Record<MetricKey, CloudWatchMetric>;
  log: Logger;
};

/**
 * CPU and memory of EC2 instances from CloudWatch `GetMetricData`. Credentials, and the
 * endpoint when `AWS_ENDPOINT_URL` is set, come from the SDK's default chain: this code never
 * reads them, so environment keys, `AWS_PROFILE` and Kubernetes web identity all work.
 *
 * @example
 * const provider = createAwsProvider({ region: 'eu-west-1', resourceIds: ['i-0abc'], intervalMs: 300_000, … });
 * await provider.poll(new Date()); // [{ resourceId: 'i-0abc', ts, metrics: { cpu: 41.2, mem: 63.5 } }, …]
 */
export function createAwsProvider(opts: AwsProviderOptions): PolledProvider {
  const client = new CloudWatchClient({ region: opts.region, maxAttempts: opts.maxAttempts });
  const periodSeconds = periodSecondsFor(opts.intervalMs);
  const queries = buildQueries(opts.resourceIds, opts.metrics, periodSeconds);
  const toldNoMemory = new Set<string>();

  async function read(window: TimeWindow, what: 'poll' | 'backfill'): Promise<ResourceSample[]> {
    let outcome;
    try {
      outcome = await readMetricData(client, queries, window);
    } catch (error) {
      const problem = awsConfigProblem(error);
      if (!problem) throw error;
      opts.log.error(
        { code: problem.code, reason: problem.message, region: opts.region },
        `CloudWatch refused the ${what}: ${problem.fix}`,
      );
      return [];
    }
    if (outcome.forbidden.length > 0) {
      opts.log.error(
        { queries: outcome.forbidden.length, region: opts.region },
        `CloudWatch answered Forbidden for some metrics: grant cloudwatch:GetMetricData on them (cross-account monitoring needs a sharing role)`,
      );
    }
    const { samples, withoutCpu, withoutMemory } = toCloudWatchSamples(opts.resourceIds, outcome.results);
    if (withoutCpu.length > 0) {
      opts.log.warn(
        {
          resources: withoutCpu,
          region: opts.region,
          metric: `${opts.metrics.cpu.namespace} ${opts.metrics.cpu.metricName}`,
        },
        `no CPU data in this ${what}: check AWS_RESOURCE_IDS and AWS_REGION (a stopped or terminated instance publishes nothing)`,
      );
    }
    tellNoMemoryOnce(withoutMemory);
    return samples;
  }

  /** Memory absent is a steady state (no agent), worth one line per resource, not one per poll. */
  function tellNoMemoryOnce(resourceIds: string[]) {
    const fresh = resourceIds.filter((id) => !toldNoMemory.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) toldNoMemory.add(id);
    opts.log.info(
      { resources: fresh, metric: `${opts.metrics.mem.namespace} ${opts.metrics.mem.metricName}` },
      'no memory metric for these instances; publishing CPU only (install the CloudWatch agent, or set AWS_MEM_NAMESPACE/AWS_MEM_METRIC/AWS_MEM_DIMENSION to what it publishes)',
    );
  }

  return {
    kind: 'polled',
    name: 'aws',
    poll: (now) => read(pollWindow(now, periodSeconds * 1000), 'poll'),
    history: (from, to) => read(historyWindow(from, to, periodSeconds * 1000), 'backfill'),
    async close() {
      client.destroy();
    },
  };
}
