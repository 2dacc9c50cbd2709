import { encodeSubjectToken } from './resource-id';
import type { MetricName } from './metric-name';
import { assertPartitions, DEFAULT_PARTITIONS, partitionOf } from './partition';

/**
 * Every wire name of the system in one place.
 *
 * WARNING: subjects, stream names, durable consumer names and the KV bucket name are read
 * by running systems and by operators' `nats` commands. Renaming one breaks deployments
 * that already hold streams or consumers under the old name.
 *
 * A non-empty `namespace` prefixes every subject (`ns.metric.sampled.>`) and stream
 * (`NS_METRICS`), so tests and side-by-side installs never collide with a running system.
 *
 * `partitions` (`FORECASTER_PARTITIONS`, the same in every service) splits the resources
 * into partitions by {@link partitionOf}; samples and forecasts carry the partition as a
 * `p<N>` token, so one durable per partition (`forecaster-p<N>`, `alerter-p<N>`) reads only
 * its share. WARNING: changing the count moves series between partitions (see partitionOf).
 *
 * @example
 * const names = busNames('', 8);
 * names.subjects.metricSampled('aws', 'i-0abc') // 'metric.sampled.p<N>.aws.i-0abc'
 */
export function busNames(namespace = '', partitions: number = DEFAULT_PARTITIONS) {
  if (namespace !== '' && !/^[a-z0-9_]+$/.test(namespace)) {
    throw new Error(`bus namespace must match [a-z0-9_]+, got "${namespace}"`);
  }
  assertPartitions(partitions);
  const subject = (name: string) => (namespace ? `${namespace}.${name}` : name);
  const stream = (name: string) => (namespace ? `${namespace.toUpperCase()}_${name}` : name);
  const token = (resourceId: string) => `p${partitionOf(resourceId, partitions)}`;

  return {
    namespace,
    partitions,
    /** The partition of a resource's series (0..partitions−1). */
    partitionOf: (resourceId: string) => partitionOf(resourceId, partitions),
    streams: {
      metrics: stream('METRICS'),
      forecasts: stream('FORECASTS'),
      alerts: stream('ALERTS'),
      /** Messages a consumer gave up on, with the reason; replayable after a fix. */
      deadletter: stream('DEADLETTER'),
      /** Work queue: one message per notification × channel, removed when acked. */
      alertDeliveries: stream('ALERT_DELIVERIES'),
      /** Who changed what through the API (silences, acks, deletions, test alerts): `audit.<action>`. */
      audit: stream('AUDIT'),
      /** Scale decisions and their actuation updates (`scale.decided.>`, `scale.actuation.>`). */
      scaling: stream('SCALING'),
      /** Work queue: one message per decision to execute, removed when acked. */
      scaleActuations: stream('SCALE_ACTUATIONS'),
    },
    subjects: {
      metricSampledAll: subject('metric.sampled.>'),
      forecastUpdatedAll: subject('forecast.updated.>'),
      alertFiredAll: subject('alert.fired.>'),
      deadletterAll: subject('deadletter.>'),
      alertDeliveryUpdatedAll: subject('alert.delivery.>'),
      alertDeliverAll: subject('alert.deliver.>'),
      auditAll: subject('audit.>'),
      /** `audit.<action>`: one audit record (stream AUDIT). */
      audit: (action: string) => subject(`audit.${action}`),
      scaleDecidedAll: subject('scale.decided.>'),
      scaleActuationUpdatedAll: subject('scale.actuation.>'),
      scaleActuateAll: subject('scale.actuate.>'),
      /** `scale.decided.<target>`: target names are already subject-safe (ScaleTargetName). */
      scaleDecided: (target: string) => subject(`scale.decided.${target}`),
      /** `scale.actuation.<status>.<target>`: one actuation attempt's outcome. */
      scaleActuationUpdated: (status: string, target: string) => subject(`scale.actuation.${status}.${target}`),
      /** An actuation job for one target (stream SCALE_ACTUATIONS). */
      scaleActuate: (target: string) => subject(`scale.actuate.${target}`),
      /** `metric.sampled.p<N>.<provider>.<resource>` */
      metricSampled: (provider: string, resourceId: string) =>
        subject(
          `metric.sampled.${token(resourceId)}.${encodeSubjectToken(provider)}.${encodeSubjectToken(resourceId)}`,
        ),
      /** Every sample of one partition: the filter of `forecaster-p<N>`. */
      metricSampledPartition: (partition: number) => subject(`metric.sampled.p${partition}.>`),
      /** `forecast.updated.p<N>.<resource>.<metric>` */
      forecastUpdated: (resourceId: string, metric: MetricName) =>
        subject(`forecast.updated.${token(resourceId)}.${encodeSubjectToken(resourceId)}.${metric}`),
      /** Every forecast of one partition: the filter of `alerter-p<N>`. */
      forecastUpdatedPartition: (partition: number) => subject(`forecast.updated.p${partition}.>`),
      /** Where a durable's dead letters go: `deadletter.<durable>`. */
      deadletter: (durable: string) => subject(`deadletter.${durable}`),
      alertFired: (severity: string, resourceId: string) =>
        subject(`alert.fired.${severity}.${encodeSubjectToken(resourceId)}`),
      alertDeliveryUpdated: (status: string, channel: string) => subject(`alert.delivery.${status}.${channel}`),
      /** A delivery job for one channel (stream ALERT_DELIVERIES). */
      alertDeliver: (channel: string) => subject(`alert.deliver.${channel}`),
      /** Core NATS request/reply: the alerter answers with a test alert. */
      alertTest: subject('alert.test'),
    },
    /**
     * NATS micro-service names (`nats micro list`): `autoscale-<service>`, or `<namespace>-<service>`.
     * Each has a `status` endpoint on `<name>.status`; `$SRV.STATS` carries its counters.
     */
    services: {
      name: (service: string) => `${namespace || 'autoscale'}-${service}`,
    },
    durables: {
      /** One per partition, filtered on its `p<N>` token; held by one replica at a time. */
      forecaster: (partition: number) => `forecaster-p${partition}`,
      alerter: (partition: number) => `alerter-p${partition}`,
      /** Single durables of releases before partitioning; `ensureBus` deletes them. */
      obsolete: ['forecaster', 'alerter'] as readonly string[],
      gatewayMetrics: 'gateway-metrics',
      gatewayForecasts: 'gateway-forecasts',
      gatewayAlerts: 'gateway-alerts',
      /** One work-queue durable per channel, so a slow channel only delays its own jobs. */
      alerterDeliver: (channel: string) => `alerter-deliver-${channel}`,
      /** One per partition of FORECASTS, like the alerter's: members' forecasts into the scaler. */
      scaler: (partition: number) => `scaler-p${partition}`,
      /** The actuation work queue's one durable: any scaler replica executes any decision. */
      scalerActuate: 'scaler-actuate',
      gatewayScaling: 'gateway-scaling',
    },
    kv: {
      alertState: stream('ALERT_STATE'),
      /** Which replica owns which partition (leases with a TTL) and which replicas are alive. */
      partitionLeases: stream('PARTITION_LEASES'),
      /** Each partition durable's last floor its owner read (no TTL): what a claim re-creates an unreadable durable from. */
      consumerFloors: stream('CONSUMER_FLOORS'),
      /** Compare-and-set leases on delivery jobs: who is sending which, and what was sent. */
      alertClaims: stream('ALERT_CLAIMS'),
      /** Silences (`silence.<id>`) and acknowledged episodes (`ack.<episode>`); the gateway writes. */
      alertSilences: stream('ALERT_SILENCES'),
      /** Each target's members' recent forecasts and decision state (one entry per target); compare-and-set. */
      scaleState: stream('SCALE_STATE'),
      /** Per-target pause (`paused.<target>`); the gateway writes, the scaler reads. */
      scaleControls: stream('SCALE_CONTROLS'),
      /** Compare-and-set leases on actuation jobs, like ALERT_CLAIMS. */
      scaleClaims: stream('SCALE_CLAIMS'),
    },
  } as const;
}

export type BusNames = ReturnType<typeof busNames>;
