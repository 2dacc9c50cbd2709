import { encodeSubjectToken } from './resource-id';
import type { MetricName } from './metric-name';

/**
 * Every wire name of the system in one place.
 *
 * WARNING: subjects, stream names, durable consumer names and the KV bucket name are read
 * by running systems and by operators' `nats` commands. Renaming one breaks deployments
 * that already hold streams or consumers under the old name.
 *
 * A non-empty `namespace` prefixes every subject (`ns.metric.sampled.>`) and stream
 * (`NS_METRICS`), so tests and side-by-side installs never collide with a running system.
 */
export function busNames(namespace = '') {
  if (namespace !== '' && !/^[a-z0-9_]+$/.test(namespace)) {
    throw new Error(`bus namespace must match [a-z0-9_]+, got "${namespace}"`);
  }
  const subject = (name: string) => (namespace ? `${namespace}.${name}` : name);
  const stream = (name: string) => (namespace ? `${namespace.toUpperCase()}_${name}` : name);

  return {
    namespace,
    streams: {
      metrics: stream('METRICS'),
      forecasts: stream('FORECASTS'),
      alerts: stream('ALERTS'),
      /** Work queue: one message per notification × channel, removed when acked. */
      alertDeliveries: stream('ALERT_DELIVERIES'),
    },
    subjects: {
      metricSampledAll: subject('metric.sampled.>'),
      forecastUpdatedAll: subject('forecast.updated.>'),
      alertFiredAll: subject('alert.fired.>'),
      alertDeliveryUpdatedAll: subject('alert.delivery.>'),
      alertDeliverAll: subject('alert.deliver.>'),
      metricSampled: (provider: string, resourceId: string) =>
        subject(`metric.sampled.${encodeSubjectToken(provider)}.${encodeSubjectToken(resourceId)}`),
      forecastUpdated: (resourceId: string, metric: MetricName) =>
        subject(`forecast.updated.${encodeSubjectToken(resourceId)}.${metric}`),
      alertFired: (severity: string, resourceId: string) =>
        subject(`alert.fired.${severity}.${encodeSubjectToken(resourceId)}`),
      alertDeliveryUpdated: (status: string, channel: string) => subject(`alert.delivery.${status}.${channel}`),
      /** A delivery job for one channel (stream ALERT_DELIVERIES). */
      alertDeliver: (channel: string) => subject(`alert.deliver.${channel}`),
      /** Core NATS request/reply: the alerter answers with a test alert. */
      alertTest: subject('alert.test'),
      /** Core NATS request/reply: each service answers with its status (health). */
      serviceStatus: (service: string) => subject(`autoscale.status.${service}`),
    },
    durables: {
      forecaster: 'forecaster',
      alerter: 'alerter',
      gatewayMetrics: 'gateway-metrics',
      gatewayForecasts: 'gateway-forecasts',
      gatewayAlerts: 'gateway-alerts',
      /** One work-queue durable per channel, so a slow channel only delays its own jobs. */
      alerterDeliver: (channel: string) => `alerter-deliver-${channel}`,
    },
    kv: {
      alertState: stream('ALERT_STATE'),
      /** Compare-and-set leases on delivery jobs: who is sending which, and what was sent. */
      alertClaims: stream('ALERT_CLAIMS'),
      /** Silences (`silence.<id>`) and acknowledged episodes (`ack.<episode>`); the gateway writes. */
      alertSilences: stream('ALERT_SILENCES'),
    },
  } as const;
}

export type BusNames = ReturnType<typeof busNames>;
