export { IsoTime } from './iso-time.schema';
export { ResourceStatus, ForecastBrief, ResourceRow, ResourcePage } from './resource-page.schemas';
export { ResourcePageQuery } from './resource-page-query';
export { resourcePageSearch } from './resource-page-search';
export type { ResourcePageAsk } from './resource-page-query';
export {
  Forecast,
  WarmingUpResource,
  AllForecasts,
  ResourceForecasts,
  WarmingUp,
  OneResourceForecasts,
} from './forecast.schemas';
export { MetricsRange, MetricPoint, MetricsResponse } from './metrics.schemas';
export { AlertStatusSchema, Alert, AlertsResponse, AckBody, AckResponse } from './alert.schemas';
export { SilenceState, Silence, SilencesResponse, SilenceCreated, SilenceBody } from './silence.schemas';
export { MetricsProvider, Thresholds, ConfigResponse } from './config.schemas';
export { ErrorCode, ApiErrorBody } from './error.schemas';
export { LIVE_EVENTS } from './live-events';
export type { LiveEventName } from './live-events';
export {
  ScaleResponse,
  ScaleDecisionView,
  ScalingTarget,
  ScalingResponse,
  ScaleDecisionsResponse,
  PauseBody,
  ScaleControlResponse,
} from './scaling.schemas';
