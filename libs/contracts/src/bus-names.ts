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
    },
    subjects: {
      metricSampledAll: subject('metric.sampled.>'),
      forecastUpdatedAll: subject('forecast.updated.>'),
      alertFiredAll: subject('alert.fired.>'),
      metricSampled: (provider: string, resourceId: string) =>
        subject(`metric.sampled.${encodeSubjectToken(provider)}.${encodeSubjectToken(resourceId)}`),
      forecastUpdated: (resourceId: string, metric: MetricName) =>
        subject(`forecast.updated.${encodeSubjectToken(resourceId)}.${metric}`),
      alertFired: (severity: string, resourceId: string) =>
        subject(`alert.fired.${severity}.${encodeSubjectToken(resourceId)}`),
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
      forecaster: 'forecaster',
      alerter: 'alerter',
      gatewayMetrics: 'gateway-metrics',
      gatewayForecasts: 'gateway-forecasts',
      gatewayAlerts: 'gateway-alerts',
    },
    kv: {
      alertState: stream('ALERT_STATE'),
    },
  } as const;
}

export type BusNames = ReturnType<typeof busNames>;
