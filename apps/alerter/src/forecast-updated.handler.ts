import type { ForecastUpdated } from '@autoscale/contracts';
import { PermanentError } from '@autoscale/bus';
import { alertObservationFromForecast, evaluateAlertRule, INITIAL_ALERT_RULE_STATE } from '@autoscale/forecasting';
import type { AlertNotification } from '@autoscale/forecasting';
import { fromForecastEvent } from '@autoscale/forecast-wire';
import { alertMessage } from './alert-message';
import { flushOutbox } from './alert-outbox';
import { alertKey } from './alert-store';
import type { AlertRecord } from './alert-record';
import type { AlertDraft } from './channels/channel';
import { catchUpUnsent } from './unsent-episode';
import type { AlerterDeps } from './alerter-deps';

/** The library forecast an event was made from: the shared wire conversion. */
export const forecastFromEvent = fromForecastEvent;

/**
 * Evaluates the alert rule for one forecast. The decision (with the notification in the
 * outbox) is committed to the state bucket, compare-and-set, before the notification is
 * published and its delivery jobs enqueued (both deduplicated by id); the outbox is cleared
 * afterwards. Sending happens elsewhere (the delivery worker), so deciding never waits on
 * Slack or SMTP. A forecast older than `maxAgeMs` still moves the rule (a restart resumes
 * where it was) but its notification is recorded `suppressed: stale`, never delivered; that
 * does not count as sent, so the first fresh forecast that keeps the episode open notifies.
 */
export async function handleForecastUpdated(event: ForecastUpdated, deps: AlerterDeps): Promise<void> {
  const now = (deps.now ?? Date.now)();
  const t = Date.parse(event.generatedAt);
  if (t > now + deps.maxSkewMs) {
    deps.counters.inc('forecasts_from_future');
    throw new PermanentError(`forecast dated ${event.generatedAt}, more than ${deps.maxSkewMs / 1000} s in the future`);
  }
  const key = alertKey(event.resourceId, event.metric);
  let { record, revision } = await deps.store.read(key);

  if (record?.outbox) {
    revision = await flushOutbox(key, record, revision, deps);
    record = { ...record, outbox: null };
  }
  if (record && record.lastForecastAt > now + deps.maxSkewMs) {
    // Written by a forecast from the future (before they were refused): it would mute the
    // series until that date. Start the series afresh instead.
    deps.log.warn(
      { resourceId: event.resourceId, metric: event.metric, lastForecastAt: record.lastForecastAt },
      'alert state from the future reset',
    );
    deps.counters.inc('alert_state_reset');
    record = null;
  }
  if (record && record.lastForecastAt >= t) {
    // Already decided (a redelivery) or older than what decided the state: a series is
    // decided in forecast order, so a late forecast cannot change the past decision.
    const late = record.lastForecastAt !== t;
    deps.counters.inc(late ? 'forecasts_late' : 'forecasts_redelivered');
    if (late)
      deps.log.debug(
        { resourceId: event.resourceId, metric: event.metric, generatedAt: event.generatedAt },
        'late forecast: older than the one that decided the state',
      );
    return;
  }

  const params = deps.paramsFor(event.resourceId, event.metric, event.labels);
  const obs = alertObservationFromForecast(forecastFromEvent(event));
  const evaluated = evaluateAlertRule(record?.rule ?? INITIAL_ALERT_RULE_STATE, obs, params);
  const fresh = now - t <= deps.maxAgeMs;
  const decision = record?.unsent && fresh ? catchUpUnsent(evaluated, obs, params) : evaluated;
  const was = record?.rule.status === 'ok' ? undefined : record?.rule.status;
  // The end of an episode nobody was told about is news about the past: recorded, not sent.
  const stale = !fresh || (decision.notify?.kind === 'resolved' && record?.unsent === true);
  const outbox = decision.notify
    ? await decide(draftAlert(event, t, decision.notify, now, was), stale, now, deps)
    : null;
  // A notification suppressed as stale was never sent: the episode still owes one.
  const unsent = outbox
    ? outbox.suppressed === 'stale' && outbox.kind !== 'resolved'
    : record?.unsent === true && decision.state.status !== 'ok';
  const next: AlertRecord = {
    rule: decision.state,
    lastForecastAt: t,
    outbox,
    notice: openNotice(record, decision.state.status, outbox),
    ...(unsent ? { unsent } : {}),
  };
  revision = await deps.store.write(key, next, revision);
  if (outbox) await flushOutbox(key, next, revision, deps);
}

/** What an open episode was last notified as (kept while it stays open), for re-sending pagers. */
function openNotice(
  record: AlertRecord | null,
  status: AlertRecord['rule']['status'],
  outbox: AlertDraft | null,
): AlertDraft | null {
  if (status === 'ok') return null;
  if (outbox && !outbox.suppressed && (outbox.kind === 'forecast' || outbox.kind === 'breach')) return outbox;
  return record?.notice ?? null;
}

async function decide(draft: AlertDraft, stale: boolean, now: number, deps: AlerterDeps): Promise<AlertDraft> {
  const suppressed = stale ? 'stale' : await deps.muted(draft, now);
  return suppressed ? { ...draft, suppressed } : draft;
}

function draftAlert(
  event: ForecastUpdated,
  t: number,
  notify: AlertNotification,
  now: number,
  was: 'forecast' | 'breach' | undefined,
): AlertDraft {
  const iso = (ms: number) => new Date(ms).toISOString();
  const breachAt = notify.breachAt === null ? null : iso(notify.breachAt);
  const breachWindow =
    notify.kind === 'forecast' && event.interval
      ? { earliest: event.interval.earliest ?? null, latest: event.interval.latest ?? null }
      : null;
  return {
    v: 1,
    id: `${event.resourceId}/${event.metric}/${iso(t)}`,
    episodeId: `${event.resourceId}/${event.metric}/${iso(notify.episodeStartedAt)}`,
    resourceId: event.resourceId,
    metric: event.metric,
    kind: notify.kind,
    severity: notify.severity,
    breachAt,
    breachWindow,
    forecastAt: iso(t),
    current: event.current,
    threshold: event.threshold,
    model: event.model,
    firedAt: iso(now),
    message: alertMessage({ ...event, kind: notify.kind, breachAt, now: t, was }),
    ...(event.labels ? { labels: event.labels } : {}),
  };
}
