export { encodeSubjectToken, decodeSubjectToken } from './resource-id';
export { ResourceId } from './resource-id.schema';
export { busNames } from './bus-names';
export { partitionOf, DEFAULT_PARTITIONS, MAX_PARTITIONS } from './partition';
export { MetricName, METRIC_NAMES } from './metric-name';
export { MetricSampled, metricSampledSchema, metricSampledMsgId } from './metric-sampled.event';
export { ForecastUpdated, ForecastPoint, forecastUpdatedSchema, forecastUpdatedMsgId } from './forecast-updated.event';
export {
  AlertFired,
  AlertKind,
  AlertSeverity,
  ChannelName,
  Delivery,
  DeliveryStatus,
  SuppressedReason,
  alertFiredSchema,
  alertFiredMsgId,
} from './alert-fired.event';
export { AlertDeliveryUpdated, AlertStreamEvent, alertDeliveryUpdatedMsgId } from './alert-delivery-updated.event';
export { AlertDeliveryJob, alertDeliveryJobMsgId } from './alert-delivery.job';
export { AlertTestRequest, AlertTestReply } from './alert-test.command';
export { ServiceStatus, PIPELINE_SERVICES } from './service-status';
export {
  metricSampledEvent,
  forecastUpdatedEvent,
  alertFiredEvent,
  alertDeliveryUpdatedEvent,
  alertStreamEvent,
  alertDeliveryJobEvent,
  auditRecordedEvent,
  boundedEvents,
  scaleDecidedEvent,
  scaleActuationUpdatedEvent,
  scalingStreamEvent,
  scaleActuationJobEvent,
} from './event-descriptor';
export { LIMITS, clampPercent, eventTooLarge, eventTime } from './limits';
export type { BusNames } from './bus-names';
export type { EventDescriptor } from './event-descriptor';
export type { PipelineService } from './service-status';
export type { TimeBounds } from './limits';
export { AlertSilence, AlertAck, silenceKey, ackKey, silenceMatches, SILENCE_KEYS } from './alert-silence';
export { globMatches } from './glob';
export { WebhookNotification } from './webhook-notification';
export { alertStatus, ALERT_STATUSES } from './alert-status';
export type { AlertStatus } from './alert-status';
export { AuditRecorded, AuditAction } from './audit-recorded.event';
export { busPermissions, BUS_USERS, inboxPrefixOf } from './bus-permissions';
export type { BusUser, BusGrant } from './bus-permissions';
export {
  ScaleTargetName,
  ScaleMode,
  ScaleAction,
  ScaleMemberInput,
  ScaleDecided,
  scaleDecidedSchema,
  scaleDecidedMsgId,
} from './scale-decided.event';
export {
  ActuationStatus,
  ScaleActuationJob,
  ScaleActuationUpdated,
  ScalingStreamEvent,
  scaleActuationJobMsgId,
  scaleActuationUpdatedMsgId,
} from './scale-actuation.event';
export { ScalePause, scalePauseKey, SCALE_PAUSE_KEYS } from './scale-pause';
