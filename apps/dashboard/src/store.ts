import type { AlertAck, AlertFired, ForecastUpdated } from '@autoscale/contracts';
import type { Alert, ConfigResponse, Forecast, Resource, WarmingUpResource } from '@autoscale/http-contract';
import { ackOf, alertOfEvent, NO_ACK } from './api/alert-event';
import { toForecastSummary, worse } from './api/forecast-summary';
import type { ForecastSummary, Metric, ResourceStatus } from './api/forecast-summary';
import { gatewayApi } from './api/gateway-api';

/** A resource as the views show it: its newest values, kept current by the live forecasts. */
export type ResourceView = {
  resourceId: string;
  provider: string;
  /** ms since epoch of its newest sample. */
  lastSeen: number;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
};

export type Change =
  | { kind: 'loaded' }
  | { kind: 'resources' }
  | { kind: 'forecast'; forecast: ForecastSummary }
  | { kind: 'alert'; alert: Alert }
  | { kind: 'ack'; episodeId: string };

const key = (resourceId: string, metric: Metric) => `${resourceId}\u0000${metric}`;

const resourceView = (r: Resource): ResourceView => ({
  resourceId: r.resourceId,
  provider: r.provider,
  lastSeen: Date.parse(r.lastSeen),
  cpu: r.cpu,
  mem: r.mem,
  memoryAvailable: r.memoryAvailable,
});

/** What the page knows: loaded once, then kept current by the live stream. */
export const store = {
  resources: new Map<string, ResourceView>(),
  forecasts: new Map<string, ForecastSummary>(),
  /** Resources sampled but not yet forecast: samples seen and needed. */
  warmingUp: new Map<string, WarmingUpResource>(),
  alerts: [] as Alert[],
  config: null as ConfigResponse | null,
  error: null as string | null,
  /** The first reads are done (whether they succeeded or not). */
  loaded: false,
  listeners: new Set<(change: Change) => void>(),

  forecast(resourceId: string, metric: Metric) {
    return this.forecasts.get(key(resourceId, metric));
  },

  statusOf(resourceId: string): ResourceStatus {
    const forecasts = (['cpu', 'mem'] as const).map((m) => this.forecast(resourceId, m)).filter((f) => f !== undefined);
    if (forecasts.length > 0) return forecasts.map((f): ResourceStatus => f.status).reduce(worse);
    // Sampled but never forecast is warming up, counted or not (a resource first seen after the load).
    return this.warmingUp.has(resourceId) || this.loaded ? 'warming_up' : 'unknown';
  },

  /** The soonest predicted breach of the resource, of either metric. */
  breachOf(resourceId: string): ForecastSummary | undefined {
    const withBreach = (['cpu', 'mem'] as const).map((m) => this.forecast(resourceId, m)).filter((f) => f?.breachAt != null);
    return withBreach.sort((a, b) => a!.breachAt! - b!.breachAt!)[0];
  },

  /** Whether the episode's `resolved` notification is known: nothing is left to acknowledge. */
  episodeResolved(episodeId: string): boolean {
    return this.alerts.some((a) => a.episodeId === episodeId && a.kind === 'resolved');
  },

  async load() {
    const [resources, forecasts, alerts, config] = await Promise.allSettled([
      gatewayApi.resources(),
      gatewayApi.forecasts(),
      gatewayApi.alerts(200),
      gatewayApi.config(),
    ]);
    if (resources.status === 'fulfilled') this.setResources(resources.value.resources);
    if (forecasts.status === 'fulfilled') {
      for (const w of forecasts.value.warmingUp) this.warmingUp.set(w.resourceId, w);
      for (const f of forecasts.value.forecasts) this.putForecast(f);
    }
    if (alerts.status === 'fulfilled') this.alerts = alerts.value.alerts;
    if (config.status === 'fulfilled') this.config = config.value;
    const failed = [resources, forecasts, alerts, config].find((r) => r.status === 'rejected');
    this.error = failed?.status === 'rejected' ? String((failed.reason as Error).message ?? failed.reason) : null;
    this.loaded = true;
    this.emit({ kind: 'loaded' });
  },

  /**
   * Reads the resource list again: a machine first sampled after the page loaded has no
   * forecast yet, so the live stream says nothing of it until it has warmed up.
   */
  async refreshResources() {
    try {
      this.setResources((await gatewayApi.resources()).resources);
    } catch {
      return; // The next refresh tries again; the page keeps what it shows.
    }
    this.emit({ kind: 'resources' });
  },

  setResources(list: Resource[]) {
    for (const r of list) {
      const known = this.resources.get(r.resourceId);
      // A live forecast may already have brought newer values than this read.
      if (!known || Date.parse(r.lastSeen) >= known.lastSeen) this.resources.set(r.resourceId, resourceView(r));
    }
  },

  /** One resource's forecasts with their chart points (the overview's come without). */
  async loadResource(resourceId: string) {
    const answer = await gatewayApi.resourceForecasts(resourceId);
    if (answer.status === 'warming_up') this.warmingUp.set(resourceId, answer);
    for (const f of answer.forecasts) this.putForecast(f);
  },

  putForecast(f: Forecast) {
    const forecast = toForecastSummary(f);
    const previous = this.forecasts.get(key(forecast.resourceId, forecast.metric));
    if (previous && previous.generatedAt > forecast.generatedAt) return previous;
    // A summary without chart points must not wipe the points a full forecast brought.
    if (previous && forecast.points.length === 0 && forecast.generatedAt === previous.generatedAt) forecast.points = previous.points;
    this.forecasts.set(key(forecast.resourceId, forecast.metric), forecast);
    this.warmingUp.delete(forecast.resourceId);
    const resource = this.resources.get(forecast.resourceId);
    if (resource && forecast.generatedAt >= resource.lastSeen) {
      resource[forecast.metric] = forecast.current;
      resource.lastSeen = forecast.generatedAt;
    }
    return forecast;
  },

  /** A forecast event from the live stream. */
  receiveForecast(event: ForecastUpdated) {
    if (!this.resources.has(event.resourceId)) {
      const lastSeen = Date.parse(event.generatedAt);
      this.resources.set(event.resourceId, { resourceId: event.resourceId, provider: '', lastSeen, cpu: null, mem: null, memoryAvailable: true });
    }
    this.emit({ kind: 'forecast', forecast: this.putForecast(event) });
  },

  /** An alert event from the live stream, with the ack its episode already has. */
  receiveAlert(event: AlertFired) {
    if (this.alerts.some((a) => a.id === event.id && a.kind === event.kind)) return;
    const sameEpisode = event.episodeId ? this.alerts.find((a) => a.episodeId === event.episodeId && a.ackedBy !== null) : undefined;
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
