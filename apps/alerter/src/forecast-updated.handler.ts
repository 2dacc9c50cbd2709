import { alertFiredMsgId } from '@autoscale/contracts';
import type { AlertFired, BusNames, ForecastUpdated } from '@autoscale/contracts';
import { alertObservationFromForecast, evaluateAlertRule, INITIAL_ALERT_RULE_STATE } from '@autoscale/forecasting';
import type { AlertNotification, AlertRuleParams, SeriesForecast } from '@autoscale/forecasting';
import type { Counters, Logger } from '@autoscale/observability';
import { alertMessage } from './alert-message';
import { alertKey } from './alert-store';
import type { AlertRecord, AlertStore } from './alert-store';
import { deliverAll } from './channels/channel';
import type { AlertDraft, Channel } from './channels/channel';

export type AlerterDeps = {
  store: AlertStore;
  channels: readonly Channel[];
  params: AlertRuleParams;
  names: BusNames;
  publish: (subject: string, event: unknown, msgId: string) => Promise<unknown>;
  log: Logger;
  counters: Counters;
};

/**
 * The library forecast a `forecast.updated` event was made from, so the rule sees exactly
 * what the backtest gives it (`alertObservationFromForecast` is shared by both).
 */
export function forecastFromEvent(event: ForecastUpdated): SeriesForecast {
  const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
  const breach =
    event.interval === null && event.breachAt === null
      ? null
      : { earliest: ms(event.interval?.earliest), likely: ms(event.breachAt), latest: ms(event.interval?.latest) };
  return {
    t: Date.parse(event.generatedAt),
    model: event.model,
    current: event.current,
    slopePerMin: event.slopePerMin,
    threshold: event.threshold,
    breach,
    points: event.points.map((p) => ({ t: Date.parse(p.ts), value: p.value, lo: p.lo, hi: p.hi })),
    samples: event.samples,
    ...(event.breachProbability ? { breachProbability: event.breachProbability } : {}),
  };
}

/**
 * Evaluates the alert rule for one forecast and, when it says so, notifies. The decision is
 * committed to the state bucket (with the notification in its outbox) before anything is
 * sent; the outbox is cleared after delivery and publication. Redeliveries of an evaluated
 * forecast only finish a pending outbox.
 */
export async function handleForecastUpdated(event: ForecastUpdated, deps: AlerterDeps): Promise<void> {
  const key = alertKey(event.resourceId, event.metric);
  let { record, revision } = await deps.store.read(key);
  const obs = alertObservationFromForecast(forecastFromEvent(event));

  if (record?.outbox) {
    revision = await flushOutbox(key, record, revision, deps);
    record = { ...record, outbox: null };
  }
  if (record && record.lastForecastAt >= obs.t) return;

  const decision = evaluateAlertRule(record?.rule ?? INITIAL_ALERT_RULE_STATE, obs, deps.params);
  const outbox = decision.notify ? draftAlert(event, obs.t, decision.notify) : null;
  const next: AlertRecord = { rule: decision.state, lastForecastAt: obs.t, outbox };
  revision = await deps.store.write(key, next, revision);
  if (outbox) await flushOutbox(key, next, revision, deps);
}

async function flushOutbox(key: string, record: AlertRecord, revision: number, deps: AlerterDeps): Promise<number> {
  const draft = record.outbox!;
  const deliveries = await deliverAll(deps.channels, draft);
  const alert: AlertFired = { ...draft, deliveries };
  await deps.publish(deps.names.subjects.alertFired(alert.severity, alert.resourceId), alert, alertFiredMsgId(alert));
  deps.counters.inc(`alerts_${alert.kind}`);
  for (const failed of deliveries.filter((d) => !d.ok)) {
    deps.counters.inc(`delivery_failures_${failed.channel}`);
    deps.log.warn({ alertId: alert.id, channel: failed.channel, error: failed.error }, 'delivery failed');
  }
  deps.log.info({ alertId: alert.id, kind: alert.kind, severity: alert.severity }, 'alert fired');
  return deps.store.write(key, { ...record, outbox: null }, revision);
}

function draftAlert(event: ForecastUpdated, t: number, notify: AlertNotification): AlertDraft {
  const iso = (ms: number) => new Date(ms).toISOString();
  const breachAt = notify.breachAt === null ? null : iso(notify.breachAt);
  return {
    v: 1,
    id: `${event.resourceId}/${event.metric}/${iso(t)}`,
    episodeId: `${event.resourceId}/${event.metric}/${iso(notify.episodeStartedAt)}`,
    resourceId: event.resourceId,
    metric: event.metric,
    kind: notify.kind,
    severity: notify.severity,
    breachAt,
    forecastAt: iso(t),
    current: event.current,
    threshold: event.threshold,
    model: event.model,
    firedAt: new Date().toISOString(),
    message: alertMessage({ ...event, kind: notify.kind, breachAt, now: t }),
  };
}
