import type { z } from 'zod';
import { AlertFired, alertFiredMsgId, alertFiredSchema } from './alert-fired.event';
import { AlertDeliveryUpdated, AlertStreamEvent, alertDeliveryUpdatedMsgId } from './alert-delivery-updated.event';
import { AlertDeliveryJob, alertDeliveryJobMsgId } from './alert-delivery.job';
import { AuditRecorded } from './audit-recorded.event';
import type { BusNames } from './bus-names';
import { ForecastUpdated, forecastUpdatedMsgId, forecastUpdatedSchema } from './forecast-updated.event';
import type { TimeBounds } from './limits';
import { MetricSampled, metricSampledMsgId, metricSampledSchema } from './metric-sampled.event';
import {
  ScaleActuationJob,
  ScaleActuationUpdated,
  ScalingStreamEvent,
  scaleActuationJobMsgId,
  scaleActuationUpdatedMsgId,
} from './scale-actuation.event';
import { ScaleDecided, scaleDecidedMsgId } from './scale-decided.event';

/**
 * Everything the bus needs to publish or consume one kind of event: its schema, the stream
 * that stores it, the subject of one event and its dedupe id. Publishers and consumers go
 * through a descriptor, so no call site assembles subject, id and payload by hand.
 */
export type EventDescriptor<S extends z.ZodType> = {
  /** For logs and dead letters. */
  name: string;
  schema: S;
  stream: (names: BusNames) => string;
  subject: (names: BusNames, event: z.infer<S>) => string;
  /** Every subject this kind of event is published on: the grant of its publishers (bus-permissions.ts). */
  subjects: (names: BusNames) => readonly string[];
  msgId: (event: z.infer<S>) => string;
};

/** `metric.sampled.p<N>.<provider>.<resource>` in METRICS. */
export const metricSampledEvent: EventDescriptor<typeof MetricSampled> = {
  name: 'metric.sampled',
  schema: MetricSampled,
  stream: (names) => names.streams.metrics,
  subject: (names, e) => names.subjects.metricSampled(e.provider, e.resourceId),
  subjects: (names) => [names.subjects.metricSampledAll],
  msgId: metricSampledMsgId,
};

/** `forecast.updated.p<N>.<resource>.<metric>` in FORECASTS. */
export const forecastUpdatedEvent: EventDescriptor<typeof ForecastUpdated> = {
  name: 'forecast.updated',
  schema: ForecastUpdated,
  stream: (names) => names.streams.forecasts,
  subject: (names, e) => names.subjects.forecastUpdated(e.resourceId, e.metric),
  subjects: (names) => [names.subjects.forecastUpdatedAll],
  msgId: forecastUpdatedMsgId,
};

/** `alert.fired.<severity>.<resource>` in ALERTS. */
export const alertFiredEvent: EventDescriptor<typeof AlertFired> = {
  name: 'alert.fired',
  schema: AlertFired,
  stream: (names) => names.streams.alerts,
  subject: (names, e) => names.subjects.alertFired(e.severity, e.resourceId),
  subjects: (names) => [names.subjects.alertFiredAll],
  msgId: alertFiredMsgId,
};

/**
 * The descriptors a consumer uses: their schemas also refuse events dated further ahead than
 * the clock skew allows (one such event would hide every later one of its series).
 *
 * @example
 * const events = boundedEvents({ now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC });
 * await consumeBatches({ event: events.metricSampled, ... });
 */
export function boundedEvents(bounds: TimeBounds) {
  return {
    metricSampled: { ...metricSampledEvent, schema: metricSampledSchema(bounds) },
    forecastUpdated: { ...forecastUpdatedEvent, schema: forecastUpdatedSchema(bounds) },
    alertFired: { ...alertFiredEvent, schema: alertFiredSchema(bounds) },
  };
}

/** `alert.delivery.<status>.<channel>` in ALERTS: one delivery attempt's outcome. */
export const alertDeliveryUpdatedEvent: EventDescriptor<typeof AlertDeliveryUpdated> = {
  name: 'alert.delivery',
  schema: AlertDeliveryUpdated,
  stream: (names) => names.streams.alerts,
  subject: (names, e) => names.subjects.alertDeliveryUpdated(e.status, e.channel),
  subjects: (names) => [names.subjects.alertDeliveryUpdatedAll],
  msgId: alertDeliveryUpdatedMsgId,
};

/**
 * Everything the ALERTS stream carries (notifications and delivery updates), for its
 * consumers; publishers use {@link alertFiredEvent} or {@link alertDeliveryUpdatedEvent}.
 */
export const alertStreamEvent: EventDescriptor<typeof AlertStreamEvent> = {
  name: 'alerts',
  schema: AlertStreamEvent,
  stream: (names) => names.streams.alerts,
  subject: (names, e) =>
    'alertKey' in e ? alertDeliveryUpdatedEvent.subject(names, e) : alertFiredEvent.subject(names, e),
  subjects: (names) => [names.subjects.alertFiredAll, names.subjects.alertDeliveryUpdatedAll],
  msgId: (e) => ('alertKey' in e ? alertDeliveryUpdatedMsgId(e) : alertFiredMsgId(e)),
};

/** `alert.deliver.<channel>` in the ALERT_DELIVERIES work queue: one job per notification × channel. */
export const alertDeliveryJobEvent: EventDescriptor<typeof AlertDeliveryJob> = {
  name: 'alert.deliver',
  schema: AlertDeliveryJob,
  stream: (names) => names.streams.alertDeliveries,
  subject: (names, e) => names.subjects.alertDeliver(e.channel),
  subjects: (names) => [names.subjects.alertDeliverAll],
  msgId: (e) => alertDeliveryJobMsgId(alertFiredMsgId(e.alert), e.channel),
};

/** `audit.<action>` in AUDIT: one change made through the API, and by which token. */
export const auditRecordedEvent: EventDescriptor<typeof AuditRecorded> = {
  name: 'audit',
  schema: AuditRecorded,
  stream: (names) => names.streams.audit,
  subject: (names, e) => names.subjects.audit(e.action),
  subjects: (names) => [names.subjects.auditAll],
  msgId: (e) => `audit:${e.id}`,
};

/** `scale.decided.<target>` in SCALING: one decision of the scaler for one target. */
export const scaleDecidedEvent: EventDescriptor<typeof ScaleDecided> = {
  name: 'scale.decided',
  schema: ScaleDecided,
  stream: (names) => names.streams.scaling,
  subject: (names, e) => names.subjects.scaleDecided(e.target),
  subjects: (names) => [names.subjects.scaleDecidedAll],
  msgId: scaleDecidedMsgId,
};

/** `scale.actuation.<status>.<target>` in SCALING: one actuation attempt's outcome. */
export const scaleActuationUpdatedEvent: EventDescriptor<typeof ScaleActuationUpdated> = {
  name: 'scale.actuation',
  schema: ScaleActuationUpdated,
  stream: (names) => names.streams.scaling,
  subject: (names, e) => names.subjects.scaleActuationUpdated(e.status, e.target),
  subjects: (names) => [names.subjects.scaleActuationUpdatedAll],
  msgId: scaleActuationUpdatedMsgId,
};

/** Everything SCALING carries, for its consumers (the gateway's projection). */
export const scalingStreamEvent: EventDescriptor<typeof ScalingStreamEvent> = {
  name: 'scaling',
  schema: ScalingStreamEvent,
  stream: (names) => names.streams.scaling,
  subject: (names, e) =>
    'decisionId' in e ? scaleActuationUpdatedEvent.subject(names, e) : scaleDecidedEvent.subject(names, e),
  subjects: (names) => [names.subjects.scaleDecidedAll, names.subjects.scaleActuationUpdatedAll],
  msgId: (e) => ('decisionId' in e ? scaleActuationUpdatedMsgId(e) : scaleDecidedMsgId(e)),
};

/** `scale.actuate.<target>` in the SCALE_ACTUATIONS work queue: one job per decision to execute. */
export const scaleActuationJobEvent: EventDescriptor<typeof ScaleActuationJob> = {
  name: 'scale.actuate',
  schema: ScaleActuationJob,
  stream: (names) => names.streams.scaleActuations,
  subject: (names, e) => names.subjects.scaleActuate(e.decision.target),
  subjects: (names) => [names.subjects.scaleActuateAll],
  msgId: scaleActuationJobMsgId,
};
