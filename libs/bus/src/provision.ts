import { AckPolicy, DeliverPolicy, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';

const HOUR_NS = 3_600_000_000_000;

/**
 * Creates (or brings up to date) the three streams and every durable consumer. Every service
 * runs it at start, so whichever starts first provisions the system and no event is
 * published before the consumers that need it exist. Safe to run concurrently.
 *
 * Durables of the forecaster and alerter start at new messages (the forecaster rebuilds
 * its window by replay); the gateway's projections start at the beginning of each stream,
 * so a fresh database receives the retained history.
 */
export async function ensureBus(nc: NatsConnection, names: BusNames): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const streams: Array<Partial<StreamConfig> & { name: string; subjects: string[] }> = [
    { name: names.streams.metrics, subjects: [names.subjects.metricSampledAll], max_age: 7 * 24 * HOUR_NS },
    { name: names.streams.forecasts, subjects: [names.subjects.forecastUpdatedAll], max_age: 24 * HOUR_NS },
    {
      name: names.streams.alerts,
      subjects: [names.subjects.alertFiredAll, names.subjects.alertDeliveryUpdatedAll],
      max_age: 90 * 24 * HOUR_NS,
    },
  ];
  for (const stream of streams) {
    const config = {
      ...stream,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      // Restarts republish at most a few polls; consumers are idempotent beyond this window.
      duplicate_window: 2 * HOUR_NS,
    };
    await addOrUpdateStream(jsm, config);
  }

  const durables = [
    { stream: names.streams.metrics, durable: names.durables.forecaster, deliver: DeliverPolicy.New },
    { stream: names.streams.forecasts, durable: names.durables.alerter, deliver: DeliverPolicy.New },
    { stream: names.streams.metrics, durable: names.durables.gatewayMetrics, deliver: DeliverPolicy.All },
    { stream: names.streams.forecasts, durable: names.durables.gatewayForecasts, deliver: DeliverPolicy.All },
    { stream: names.streams.alerts, durable: names.durables.gatewayAlerts, deliver: DeliverPolicy.All },
  ];
  for (const { stream, durable, deliver } of durables) {
    const exists = await jsm.consumers.info(stream, durable).catch(() => null);
    if (exists) continue;
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: deliver,
      // Slack and SMTP may each take seconds; the alerter also calls working() while it waits.
      ack_wait: 60_000_000_000,
      max_ack_pending: 1000,
    });
  }
  return jsm;
}

async function addOrUpdateStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  const existing = await jsm.streams.info(config.name).catch(() => null);
  if (!existing) {
    await jsm.streams.add(config).catch(async (error: unknown) => {
      // Another service created it between our check and our add.
      if (!(await jsm.streams.info(config.name).catch(() => null))) throw error;
    });
    return;
  }
  await jsm.streams.update(config.name, { ...existing.config, ...config });
}
