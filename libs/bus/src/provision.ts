import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { MS_PER_DAY, MS_PER_HOUR } from '@autoscale/time-units';
import { ensureDurables } from './durables';
import { addOrUpdateStream, streamInfoOrNull } from './stream-config';
import { assertPartitionCount, partitionCountRecord } from './partition-count';
import type { DurableOptions } from './durables';

/**
 * Creates (or brings up to date) the streams and every durable consumer. Every service
 * runs it at start, so whichever starts first provisions the system and no event is
 * published before the consumers that need it exist. Safe to run concurrently.
 *
 * A service whose `FORECASTER_PARTITIONS` differs from the count the system runs with (recorded
 * on the METRICS stream) is refused with a {@link PartitionCountMismatchError} while samples
 * wait in the old partitions; on a drained system the new count is recorded.
 *
 * Durables of the forecaster and alerter (one per partition) start at new messages (the
 * forecaster rebuilds its windows by replay); the gateway's projections start at the
 * beginning of each stream, so a fresh database receives the retained history.
 *
 * @example
 * const jsm = await x;
 */
export async function ensureBus(
  nc: NatsConnection,
  names: BusNames,
  options: Partial<DurableOptions> & { replicas: number },
): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  await assertPartitionCount(jsm, names, await streamInfoOrNull(jsm, names.streams.metrics));
  const streams: Array<Partial<StreamConfig> & { name: string; subjects: string[] }> = [
    {
      name: names.streams.metrics,
      subjects: [names.subjects.metricSampledAll],
      max_age: nanos(7 * MS_PER_DAY),
      description: partitionCountRecord(names.partitions),
    },
    { name: names.streams.forecasts, subjects: [names.subjects.forecastUpdatedAll], max_age: nanos(MS_PER_DAY) },
    {
      name: names.streams.alerts,
      subjects: [names.subjects.alertFiredAll, names.subjects.alertDeliveryUpdatedAll],
      max_age: nanos(90 * MS_PER_DAY),
    },
    // Who changed what through the API: a year, for the review after an outage (docs/SECURITY.md).
    { name: names.streams.audit, subjects: [names.subjects.auditAll], max_age: nanos(365 * MS_PER_DAY) },
    // Decisions are few (one per target per poll at most) and worth a backtest: keep 90 days.
    {
      name: names.streams.scaling,
      subjects: [names.subjects.scaleDecidedAll, names.subjects.scaleActuationUpdatedAll],
      max_age: nanos(90 * MS_PER_DAY),
    },
    // Long enough for someone to notice, fix and replay (README: dead letters).
    { name: names.streams.deadletter, subjects: [names.subjects.deadletterAll], max_age: nanos(30 * MS_PER_DAY) },
  ];
  for (const stream of streams) {
    const config = {
      ...stream,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      // Restarts republish at most a few polls; consumers are idempotent beyond this window.
      duplicate_window: nanos(2 * MS_PER_HOUR),
      // STREAM_REPLICAS: 3 on a three-node cluster; consumers inherit the stream's replicas.
      num_replicas: options.replicas,
    };
    await addOrUpdateStream(jsm, config);
  }
  await ensureDurables(jsm, names, options);
  return jsm;
}
