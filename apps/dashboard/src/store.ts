import { alertItems, toAlertView } from './api/alert-view';
import type { AlertView } from './api/alert-view';
import { getJson } from './api/client';
import { toForecastSummary, worse } from './api/forecast-summary';
import type { ForecastSummary, Metric, ResourceStatus } from './api/forecast-summary';
import type { PageRow } from './api/resource-page';

/** A resource as the page knows it, without the status and forecasts a page row adds. */
export type Resource = Omit<PageRow, 'needed' | 'status' | 'forecasts'>;

export type Config = {
  provider?: string;
  thresholds?: { cpu?: number; mem?: number };
  lookaheadMin?: number;
  renotifyMin?: number;
  pollIntervalSeconds?: number;
  channels?: Record<string, boolean>;
  testAlertRequiresToken?: boolean;
  [key: string]: unknown;
};

export type Change =
  | { kind: 'loaded' }
  | { kind: 'resources' }
  | { kind: 'forecast'; forecast: ForecastSummary }
  | { kind: 'alert'; alert: AlertView };

const key = (resourceId: string, metric: Metric) => `${resourceId}\u0000${metric}`;

/** What the page knows: loaded once, then kept current by the live stream. */
export const store = {
  resources: new Map<string, Resource>(),
  forecasts: new Map<string, ForecastSummary>(),
  alerts: [] as AlertView[],
  config: {} as Config,
  error: null as string | null,
  listeners: new Set<(change: Change) => void>(),

  forecast(resourceId: string, metric: Metric) {
    return this.forecasts.get(key(resourceId, metric));
  },

  statusOf(resourceId: string): ResourceStatus {
    const forecasts = (['cpu', 'mem'] as const).map((m) => this.forecast(resourceId, m)).filter((f) => f !== undefined);
    if (forecasts.length === 0) return 'warming_up';
    return forecasts.map((f) => f.status).reduce(worse);
  },

  /** The soonest predicted breach of the resource, of either metric. */
  breachOf(resourceId: string): ForecastSummary | undefined {
    const withBreach = (['cpu', 'mem'] as const).map((m) => this.forecast(resourceId, m)).filter((f) => f?.breachAt != null);
    return withBreach.sort((a, b) => a!.breachAt! - b!.breachAt!)[0];
  },

  /** Alerts and config; the overview reads its own page of resources, a resource view its forecasts. */
  async load() {
    const [alerts, config] = await Promise.allSettled([getJson('/api/alerts?limit=200'), getJson('/api/config')]);
    if (alerts.status === 'fulfilled') this.alerts = alertItems(alerts.value);
    if (config.status === 'fulfilled') this.config = config.value as Config;
    const failed = [alerts, config].find((r) => r.status === 'rejected');
    this.error = failed?.status === 'rejected' ? String((failed.reason as Error).message ?? failed.reason) : null;
    this.emit({ kind: 'loaded' });
  },

  putForecast(forecast: ForecastSummary | null) {
    if (!forecast) return;
    const previous = this.forecasts.get(key(forecast.resourceId, forecast.metric));
    // A summary without chart points must not wipe the points a full forecast brought.
    if (previous && forecast.points.length === 0 && forecast.generatedAt === previous.generatedAt) forecast.points = previous.points;
    this.forecasts.set(key(forecast.resourceId, forecast.metric), forecast);
    const resource = this.resources.get(forecast.resourceId);
    if (resource && forecast.current !== null && (forecast.generatedAt ?? 0) >= (resource.lastSeen ?? 0)) {
      resource[forecast.metric] = forecast.current;
      resource.lastSeen = forecast.generatedAt;
    }
  },

  /** A forecast event from the live stream. */
  receiveForecast(data: unknown) {
    const forecast = toForecastSummary(data);
    if (!forecast) return;
    if (!this.resources.has(forecast.resourceId)) {
      this.resources.set(forecast.resourceId, {
        resourceId: forecast.resourceId,
        provider: '',
        lastSeen: forecast.generatedAt,
        cpu: null,
        mem: null,
        memoryAvailable: true,
        samples: null,
      });
    }
    this.putForecast(forecast);
    this.emit({ kind: 'forecast', forecast });
  },

  /** An alert event from the live stream. */
  receiveAlert(data: unknown) {
    const alert = toAlertView(data);
    if (!alert || this.alerts.some((a) => a.id === alert.id && a.kind === alert.kind && a.firedAt === alert.firedAt)) return;
    this.alerts = [alert, ...this.alerts].slice(0, 500);
    this.emit({ kind: 'alert', alert });
  },

  emit(change: Change) {
    for (const listener of this.listeners) listener(change);
  },
};
