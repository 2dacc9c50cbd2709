import type { AlertAck, AlertFired, ForecastUpdated } from '@autoscale/contracts';
import type { Alert, ConfigResponse, Forecast, WarmingUpResource } from '@autoscale/http-contract';
import { ackOf, alertOfEvent, NO_ACK } from './api/alert-event';
import { toForecastSummary, worse } from './api/forecast-summary';
import type { ForecastSummary, Metric, ResourceStatus } from './api/forecast-summary';
import { gatewayApi } from './api/gateway-api';

export type Change =
  | { kind: 'loaded' }
  | { kind: 'forecast'; forecast: ForecastSummary }
  | { kind: 'alert'; alert: Alert }
  | { kind: 'ack'; episodeId: string };

const key = (resourceId: string, metric: Metric) => `${resourceId}\u0000${metric}`;

/**
 * What the page knows: alerts and config loaded once, a resource's forecasts when its page
 * opens, all kept current by the live stream. The overview reads its own page of resources.
 */
export const store = {
  forecasts: new Map<string, ForecastSummary>(),
  /** Resources sampled but not yet forecast: samples seen and needed. */
  warmingUp: new Map<string, WarmingUpResource>(),
  alerts: [] as Alert[],
  config: null as ConfigResponse | null,
  error: null as string | null,
  /** Resources whose forecasts were read: one without any is warming up, not unknown. */
  read: new Set<string>(),
  listeners: new Set<(change: Change) => void>(),

  forecast(resourceId: string, metric: Metric) {
    return this.forecasts.get(key(resourceId, metric));
  },

  statusOf(resourceId: string): ResourceStatus {
    const forecasts = (['cpu', 'mem'] as const).map((m) => this.forecast(resourceId, m)).filter((f) => f !== undefined);
    if (forecasts.length > 0) return forecasts.map((f): ResourceStatus => f.status).reduce(worse);
    // Without a forecast it is warming up once its forecasts were read; until then it is not known.
    return this.warmingUp.has(resourceId) || this.read.has(resourceId) ? 'warming_up' : 'unknown';
  },

  /** The soonest predicted breach of the resource, of either metric. */
  breachOf(resourceId: string): ForecastSummary | undefined {
    const withBreach = (['cpu', 'mem'] as const)
      .map((m) => this.forecast(resourceId, m))
      .filter((f) => f?.breachAt != null);
    return withBreach.sort((a, b) => a!.breachAt! - b!.breachAt!)[0];
  },

  /** Whether the episode's `resolved` notification is known: nothing is left to acknowledge. */
  episodeResolved(episodeId: string): boolean {
    return this.alerts.some((a) => a.episodeId === episodeId && a.kind === 'resolved');
  },

  /** Alerts and config; the overview reads its own page of resources, a resource page its forecasts. */
  async load() {
    const [alerts, config] = await Promise.allSettled([gatewayApi.alerts(200), gatewayApi.config()]);
    if (alerts.status === 'fulfilled') this.alerts = alerts.value.alerts;
    if (config.status === 'fulfilled') this.config = config.value;
    const failed = [alerts, config].find((r) => r.status === 'rejected');
    this.error = failed?.status === 'rejected' ? String((failed.reason as Error).message ?? failed.reason) : null;
    this.emit({ kind: 'loaded' });
  },

  /** One resource's forecasts with their chart points (the overview's come without). */
  async loadResource(resourceId: string) {
    const answer = await gatewayApi.resourceForecasts(resourceId);
    if (answer.status === 'warming_up') this.warmingUp.set(resourceId, answer);
    for (const f of answer.forecasts) this.putForecast(f);
    this.read.add(resourceId);
  },

  putForecast(f: Forecast) {
    const forecast = toForecastSummary(f);
    const previous = this.forecasts.get(key(forecast.resourceId, forecast.metric));
    if (previous && previous.generatedAt > forecast.generatedAt) return previous;
    // A summary without chart points must not wipe the points a full forecast brought.
    if (previous && forecast.points.length === 0 && forecast.generatedAt === previous.generatedAt)
      forecast.points = previous.points;
    this.forecasts.set(key(forecast.resourceId, forecast.metric), forecast);
    this.warmingUp.delete(forecast.resourceId);
    return forecast;
  },

  /** A forecast event from the live stream. */
  receiveForecast(event: ForecastUpdated) {
    this.emit({ kind: 'forecast', forecast: this.putForecast(event) });
  },

  /** An alert event from the live stream, with the ack its episode already has. */
  receiveAlert(event: AlertFired) {
    if (this.alerts.some((a) => a.id === event.id && a.kind === event.kind)) return;
    const sameEpisode = event.episodeId
      ? this.alerts.find((a) => a.episodeId === event.episodeId && a.ackedBy !== null)
      : undefined;
    const alert = alertOfEvent(event, sameEpisode ?? NO_ACK);
    this.alerts = [alert, ...this.alerts].slice(0, 500);
    this.emit({ kind: 'alert', alert });
  },

  /** The gateway recorded an ack: every alert of the episode shows it. */
  acknowledged(ack: AlertAck) {
    this.alerts = this.alerts.map((a) => (a.episodeId === ack.episodeId ? { ...a, ...ackOf(ack) } : a));
    this.emit({ kind: 'ack', episodeId: ack.episodeId });
  },

  emit(change: Change) {
    for (const listener of this.listeners) listener(change);
  },
};
