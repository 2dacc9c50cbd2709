import { forecastUpdatedEvent } from '@autoscale/contracts';
import { publishAll, replayToAckFloor } from '@autoscale/bus';
import type { Bus } from '@autoscale/bus';
import type { Counters, Logger } from '@autoscale/observability';
import { MS_PER_HOUR } from '@autoscale/time-units';
import { forecastsForSamples } from './metric-sampled.handler';
import { createSeriesRegistry } from './series-registry';
import type { SeriesRegistry } from './series-registry';

export type ForecasterOptions = {
  /** The bus front door: names, replicas and clock bounds come with it. */
  bus: Bus;
  thresholds: { cpu: number; mem: number };
  /** The threshold of one series when a rules file sets it; else `thresholds`. */
  thresholdFor?: (resourceId: string, metric: 'cpu' | 'mem', labels?: Readonly<Record<string, string>>) => number;
  windowMin: number;
  /** How far back a claimed partition's series are rebuilt from METRICS. */
  historyHours: number;
  leaseTtlMs: number;
  log: Logger;
  counters: Counters;
  memberId?: string;
  batchSize?: number;
};

/**
 * The forecaster replica: consumes the partitions it holds a lease on. A claimed
 * partition's series are rebuilt by replaying its samples up to its durable's ack floor;
 * a batch's forecasts are published with a bounded number in flight and the batch's
 * samples are acked once every forecast is stored. A failed batch already advanced the
 * series in memory, so the partition is rebuilt before the batch is retried — otherwise
 * the retried samples would be ignored as already seen.
 *
 * @example
 * const forecaster = await startForecaster({ bus, thresholds, windowMin: 60, historyHours: 48, leaseTtlMs: 15_000, log, counters });
 * await forecaster.stop();
 */
export async function startForecaster(opts: ForecasterOptions) {
  const partitions = new Map<number, SeriesRegistry>();
  const { nc, js, names } = opts.bus;
  const jsm = await js.jetstreamManager();
  // A sample from the future, stored before the limits existed, must not come back on every
  // rebuild and hide the series' later samples (the bus's events carry the clock bounds).
  const samples = opts.bus.events.metricSampled;

  /** Rebuilds a partition's series from METRICS up to its ack floor; `progress` is called per sample read. */
  async function rebuild(partition: number, progress?: () => void) {
    const registry = createSeriesRegistry({ windowMin: opts.windowMin });
    partitions.set(partition, registry);
    const replayed = await replayToAckFloor({
      nc,
      js,
      jsm,
      names,
      event: samples,
      durable: names.durables.forecaster(partition),
      filterSubject: names.subjects.metricSampledPartition(partition),
      since: new Date(Date.now() - opts.historyHours * MS_PER_HOUR),
      onEvent: (event) => {
        progress?.();
        registry.addSample(event);
      },
    });
    opts.log.info({ partition, replayed, series: registry.size() }, 'partition series rebuilt');
  }

  const loop = await opts.bus.consumePartitions({
    event: samples,
    group: 'forecaster',
    durable: names.durables.forecaster,
    leaseTtlMs: opts.leaseTtlMs,
    log: opts.log,
    counters: opts.counters,
    memberId: opts.memberId,
    batchSize: opts.batchSize,
    onClaim: rebuild,
    onFailure: (partition) => rebuild(partition),
    onRelease: async (partition) => void partitions.delete(partition),
    handler: async (partition, batch) => {
      const registry = partitions.get(partition);
      if (!registry) throw new Error(`partition ${partition} is not held`);
      const forecasts = forecastsForSamples(
        batch.map((d) => d.event),
        {
          registry,
          thresholds: opts.thresholds,
          ...(opts.thresholdFor ? { thresholdFor: opts.thresholdFor } : {}),
          // Shown in /api/health and /metrics (autoscale_events_total{counter=…}): samples never forecast.
          onSkipped: (n) => opts.counters.inc('samples_skipped_out_of_order', n),
        },
      );
      await publishAll(js, names, forecastUpdatedEvent, forecasts);
      opts.counters.inc('forecasts_published', forecasts.length);
    },
  });

  return {
    /** Partitions consumed now. */
    partitions: () => loop.consuming(),
    /** Series in memory (all held partitions). */
    series: () => [...partitions.values()].reduce((n, r) => n + r.size(), 0),
    stop: () => loop.stop(),
  };
}
