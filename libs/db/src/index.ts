export { createDatabase, pingDatabase } from './client';
export { ensureDatabase } from './ensure-database';
export { runMigrations, SOURCE_MIGRATIONS_FOLDER } from './migrate';
export { upsertMetricSample, upsertMetricSamples, listMetrics } from './queries/metrics.repository';
export { listResources, findResource } from './queries/resources.repository';
export { resourcePage, globToLike, STATUS_RANK } from './queries/resource-page.repository';
export type {
  ResourcePage,
  ResourcePageQuery,
  ResourcePageCursor,
  ResourceRowView,
  ResourceStatus,
  ResourceSort,
  ForecastBrief,
} from './queries/resource-page.repository';
export { upsertForecast } from './queries/forecasts.repository';
export { latestForecasts, warmingUpResources } from './queries/forecast-views.repository';
export { insertAlert, listAlerts, applyAlertDelivery, findEpisode } from './queries/alerts.repository';
export { recordAck } from './writes/alert-acks.writes';
export { applyAlertDeliveries, AlertNotFoundError } from './writes/alert-deliveries.writes';
export type { AlertFilter } from './queries/alerts.repository';
export { upsertForecasts } from './writes/forecasts.writes';
export { insertAlerts } from './writes/alerts.writes';
export { pruneOlderThan } from './queries/retention.repository';
export { isQueryCancelled } from './queries/cancellable';
export { readModelIsFed, markReadModelFed, clearReadModelMarker } from './queries/read-model-marker.repository';
export { metrics, forecasts, alerts, alertAcks, resources, readModelMarker, scaleDecisions } from './schema/index';
export type { Database } from './client';
export type { MetricPoint, MetricsWindow } from './queries/metrics.repository';
export type { ResourceSummary } from './queries/resources.repository';
export type { ForecastView, ForecastQuery, WarmingUp } from './queries/forecast-views.repository';
export type { DbExecutor } from './queries/executor';
export type { PruneResult } from './queries/retention.repository';
export {
  insertScaleDecisions,
  applyScaleActuations,
  ScaleDecisionNotFoundError,
} from './writes/scale-decisions.writes';
export { latestScaleDecisions, listScaleDecisions } from './queries/scale-decisions.repository';
export type { ScaleDecisionRow } from './queries/scale-decisions.repository';
