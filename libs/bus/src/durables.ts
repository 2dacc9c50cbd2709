import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerConfig, ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { MS_PER_MIN } from '@autoscale/time-units';
import type { BusNames } from '@autoscale/contracts';
import { consumerInfoOrNull } from './stream-config';
import { isNotFound } from './nats-errors';

export type DurableOptions = {
  /**
   * Deliveries of one message before the consumer gives up on it and moves it to the
   * DEADLETTER stream (`consumeBatches` does that on the last delivery).
   */
  maxDeliver: number;
};

/** Ten deliveries with the consumer's growing nak delays span about 8.5 minutes. */
export const DEFAULT_MAX_DELIVER = 10;

type DurableSpec = { stream: string; durable: string; deliver: DeliverPolicy; filter?: string };

/** Every durable of the system: one per partition for the forecaster and alerter. */
export function durableSpecs(names: BusNames): DurableSpec[] {
  const specs: DurableSpec[] = [];
  for (let p = 0; p < names.partitions; p++) {
    specs.push(
      {
        stream: names.streams.metrics,
        durable: names.durables.forecaster(p),
        deliver: DeliverPolicy.New,
        filter: names.subjects.metricSampledPartition(p),
      },
      {
        stream: names.streams.forecasts,
        durable: names.durables.alerter(p),
        deliver: DeliverPolicy.New,
        filter: names.subjects.forecastUpdatedPartition(p),
      },
    );
  }
  specs.push(
    { stream: names.streams.metrics, durable: names.durables.gatewayMetrics, deliver: DeliverPolicy.All },
    { stream: names.streams.forecasts, durable: names.durables.gatewayForecasts, deliver: DeliverPolicy.All },
    { stream: names.streams.alerts, durable: names.durables.gatewayAlerts, deliver: DeliverPolicy.All },
    { stream: names.streams.scaling, durable: names.durables.gatewayScaling, deliver: DeliverPolicy.All },
  );
  return specs;
}

/**
 * Creates the missing durables, brings `max_deliver` of existing ones up to date, and
 * deletes the durables nothing reads any more: the single `forecaster` / `alerter` of
 * releases before partitioning, and partition durables beyond the partition count.
 */
export async function ensureDurables(jsm: JetStreamManager, names: BusNames, options: Partial<DurableOptions>) {
  await ensureDurableSpecs(jsm, durableSpecs(names), options);
  await deleteObsolete(jsm, names);
}

/**
 * The scaler's durables, one per partition of FORECASTS like the alerter's: provisioned by
 * the scaler only (an optional service), so a system without it holds no durable that
 * nobody reads.
 */
export const scalerDurableSpecs = (names: BusNames): DurableSpec[] =>
  Array.from({ length: names.partitions }, (_, p) => ({
    stream: names.streams.forecasts,
    durable: names.durables.scaler(p),
    deliver: DeliverPolicy.New,
    filter: names.subjects.forecastUpdatedPartition(p),
  }));

/** Creates the missing durables of `specs` and brings `max_deliver` of existing ones up to date. */
export async function ensureDurableSpecs(
  jsm: JetStreamManager,
  specs: readonly DurableSpec[],
  options: Partial<DurableOptions>,
) {
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  for (const spec of specs) {
    // Only "not found" means missing: a timeout (a consumer leader being elected) must not
    // lead to an add with the initial deliver policy over a durable rewound to its ack floor.
    const exists = await consumerInfoOrNull(jsm, spec.stream, spec.durable);
    if (exists) {
      if (exists.config.max_deliver !== maxDeliver) {
        await jsm.consumers.update(spec.stream, spec.durable, { max_deliver: maxDeliver });
      }
      continue;
    }
    await jsm.consumers.add(spec.stream, durableConfig(spec, maxDeliver)).catch(async (error: unknown) => {
      // Another service created it between our check and our add.
      if (!(await consumerInfoOrNull(jsm, spec.stream, spec.durable))) throw error;
    });
  }
}

function durableConfig(spec: DurableSpec, maxDeliver: number): Partial<ConsumerConfig> {
  return {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.deliver,
    ...(spec.filter ? { filter_subject: spec.filter } : {}),
    // A batch is acked after its effects; Slack and SMTP may take seconds in the alerter.
    ack_wait: nanos(MS_PER_MIN),
    max_ack_pending: 2000,
    // No server `backoff`: it would replace ack_wait for the first deliveries. The consumer
    // loop naks with growing delays instead, and dead-letters on the last delivery.
    max_deliver: maxDeliver,
  };
}

const PARTITION_DURABLE = /^(forecaster|alerter|scaler)-p(\d+)$/;

async function deleteObsolete(jsm: JetStreamManager, names: BusNames) {
  for (const stream of [names.streams.metrics, names.streams.forecasts]) {
    for await (const consumer of jsm.consumers.list(stream)) {
      const partition = PARTITION_DURABLE.exec(consumer.name)?.[2];
      const beyond = partition !== undefined && Number(partition) >= names.partitions;
      if (!beyond && !names.durables.obsolete.includes(consumer.name)) continue;
      await jsm.consumers.delete(stream, consumer.name).catch(() => undefined);
    }
  }
}

/** Where a durable stands and how it is made: what re-creating it needs. */
export type DurableFloor = { stream: string; config: ConsumerConfig; floor: number };

/** The {@link DurableFloor} of a durable as its info gives it. */
export const durableFloor = (info: ConsumerInfo): DurableFloor => ({
  stream: info.stream_name,
  config: { ...info.config, durable_name: info.config.durable_name ?? info.name },
  floor: handledUpTo(info),
});

/**
 * Deletes a durable and adds it again with the same configuration, delivering from just
 * after what it has handled ({@link handledUpTo}). Unacked messages come again, in order.
 * The new durable has a new Raft group, so a server stuck as the old group's leader (NATS
 * 2.9 after a restart) no longer takes its pulls.
 *
 * @example
 * await recreateAtAckFloor(jsm, durableFloor(await durableInfo(nc, stream, durable)));
 */
export async function recreateAtAckFloor(jsm: JetStreamManager, at: DurableFloor): Promise<void> {
  const { config, stream, floor } = at;
  const durable = config.durable_name!;
  const rewound = { ...config, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: floor + 1 };
  // Already gone is fine: a re-creation whose add failed after the delete is finished by
  // calling this again with the floor read before it.
  await jsm.consumers.delete(stream, durable).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
  // Once deleted, only this call knows the floor: an add that timed out (the meta leader
  // busy after an election) is sent again — the same configuration again is accepted — so
  // the durable is not left missing for the next owner.
  for (let attempt = 1; ; attempt++) {
    try {
      await jsm.consumers.add(stream, rewound);
      return;
    } catch (error) {
      if (attempt >= REWIND_ATTEMPTS) throw error;
    }
  }
}

const REWIND_ATTEMPTS = 3;

/**
 * The stream sequence up to which a durable has handled everything: its ack floor, or, for
 * a durable re-created by {@link recreateAtAckFloor} that has acked nothing yet, where it was
 * told to start (the server reports an ack floor of 0 for it).
 */
export function handledUpTo(info: ConsumerInfo): number {
  const { config } = info;
  const startedAfter = config.deliver_policy === DeliverPolicy.StartSequence ? (config.opt_start_seq ?? 1) - 1 : 0;
  return Math.max(info.ack_floor.stream_seq, startedAfter);
}
