import type { Logger } from '@autoscale/observability';
import type { PolledProvider, ResourceSample } from '../provider';
import { historyWindow, periodSecondsFor, pollWindow } from '../cloud/poll-window';
import type { TimeWindow } from '../cloud/poll-window';
import { mergeResourceSeries } from '../cloud/series-merge';
import type { Series } from '../cloud/series-merge';
import { chunk } from '../cloud/chunk';
import { gcpConfigProblem } from './gcp-errors';
import { DEFAULT_RETRY } from './gcp-retry';
import type { RetryPolicy } from './gcp-retry';
import { createMonitoringClient } from './monitoring-client';
import { GCP_METRICS, INSTANCES_PER_REQUEST, listRequest } from './monitoring-requests';
import type { GcpMetric } from './monitoring-requests';
import { readTimeSeries } from './monitoring.reader';
import type { InstanceSeries } from './monitoring.reader';

export type GcpProviderOptions = {
  projectId: string;
  /** Numeric Compute Engine instance ids (`resource.labels.instance_id`); each is a resource id. */
  instanceIds: readonly string[];
  intervalMs: number;
  /** See {@link createMonitoringClient}; unset for the real API with Application Default Credentials. */
  apiEndpoint?: string | undefined;
  retry?: RetryPolicy;
  log: Logger;
};

/**
 * CPU (as percent) and memory of Compute Engine instances from Cloud Monitoring
 * `projects.timeSeries.list`, averaged over the poll interval, every page read.
 *
 * @example
 * const provider = createGcpProvider({ projectId: 'my-project', instanceIds: ['1234567890123456789'], intervalMs: 300_000, log });
 * await provider.poll(new Date()); // [{ resourceId: '1234567890123456789', ts, metrics: { cpu: 37.5, mem: 61.2 }, labels: { zone, instance_name } }, …]
 */
export function createGcpProvider(opts: GcpProviderOptions): PolledProvider {
  const client = createMonitoringClient(opts.projectId, opts.apiEndpoint);
  const periodSeconds = periodSecondsFor(opts.intervalMs);
  const retry = opts.retry ?? DEFAULT_RETRY;
  const toldNoMemory = new Set<string>();

  async function readMetric(metric: GcpMetric, window: TimeWindow): Promise<InstanceSeries> {
    const into: InstanceSeries = { series: new Map(), labels: new Map() };
    for (const ids of chunk(opts.instanceIds, INSTANCES_PER_REQUEST)) {
      await readTimeSeries(
        client,
        listRequest(opts.projectId, metric, ids, window, periodSeconds),
        metric,
        retry,
        into,
      );
    }
    return into;
  }

  async function read(window: TimeWindow, what: 'poll' | 'backfill'): Promise<ResourceSample[]> {
    let cpu: InstanceSeries;
    let mem: InstanceSeries;
    try {
      cpu = await readMetric(GCP_METRICS.cpu, window);
      mem = await readMetric(GCP_METRICS.mem, window);
    } catch (error) {
      const problem = gcpConfigProblem(error);
      if (!problem) throw error;
      opts.log.error(
        { code: problem.code, reason: problem.message, project: opts.projectId },
        `Cloud Monitoring refused the ${what}: ${problem.fix}`,
      );
      return [];
    }
    const empty: Series = new Map();
    const samples = opts.instanceIds.flatMap((id) => {
      const labels = { ...mem.labels.get(id), ...cpu.labels.get(id) };
      return mergeResourceSeries(id, cpu.series.get(id) ?? empty, mem.series.get(id) ?? empty, labels);
    });
    report(what, cpu, mem);
    return samples;
  }

  function report(what: string, cpu: InstanceSeries, mem: InstanceSeries) {
    const withoutCpu = opts.instanceIds.filter((id) => !cpu.series.has(id));
    if (withoutCpu.length > 0) {
      opts.log.warn(
        { resources: withoutCpu, project: opts.projectId, metric: GCP_METRICS.cpu.type },
        `no CPU data in this ${what}: check GCP_INSTANCE_IDS (numeric ids) and GCP_PROJECT_ID (a stopped instance publishes nothing)`,
      );
    }
    const withoutMemory = opts.instanceIds.filter(
      (id) => cpu.series.has(id) && !mem.series.has(id) && !toldNoMemory.has(id),
    );
    if (withoutMemory.length === 0) return;
    for (const id of withoutMemory) toldNoMemory.add(id);
    opts.log.info(
      { resources: withoutMemory, metric: GCP_METRICS.mem.type },
      'no memory metric for these instances; publishing CPU only (install the Ops Agent to report memory)',
    );
  }

  return {
    kind: 'polled',
    name: 'gcp',
    poll: (now) => read(pollWindow(now, periodSeconds * 1000), 'poll'),
    history: (from, to) => read(historyWindow(from, to, periodSeconds * 1000), 'backfill'),
    close: () => client.close(),
  };
}
