import type { Counters, Logger } from '@autoscale/observability';
import { alertmanagerAlerts } from '../messages/alertmanager.message';
import type { AlertDraft, Channel } from './channel';
import { DeliveryError, asDeliveryError } from './channel';
import { postJson } from './http-answer';

export type AlertmanagerSettings = {
  /** Base URLs; every one is sent every alert (Alertmanager HA peers deduplicate). */
  urls: readonly string[];
  resendMs: number;
  publicUrl?: string | undefined;
  /** Whether the episode of a delivered alert is still open (read from the shared alert state). */
  episodeOpen: (alert: AlertDraft) => Promise<boolean>;
  log: Logger;
  counters: Counters;
  now?: () => number;
};

/** Alertmanager ends a firing alert not re-sent within this many resend intervals (as Prometheus sets it). */
const VALID_FOR_RESENDS = 4;

/**
 * Sends each notification to every Alertmanager (`POST /api/v2/alerts`); delivered when at
 * least one took it (the others get it at the next re-send). While an episode is open its
 * newest firing alert is re-sent every `resendMs`; the re-sending stops when the episode
 * resolves, here or on another replica (the shared alert state says so).
 */
export function createAlertmanagerChannel(settings: AlertmanagerSettings): Channel {
  const now = settings.now ?? Date.now;
  const validForMs = VALID_FOR_RESENDS * settings.resendMs;
  /** The newest firing notification per series, as delivered by this replica. */
  const open = new Map<string, AlertDraft>();

  async function post(alert: AlertDraft, firingOnly: boolean): Promise<void> {
    const alerts = alertmanagerAlerts(alert, now(), validForMs, settings.publicUrl).filter((a) => !firingOnly || Date.parse(a.endsAt) > now());
    const results = await Promise.allSettled(settings.urls.map((url) => postJson('Alertmanager', `${url.replace(/\/+$/, '')}/api/v2/alerts`, alerts)));
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ url: settings.urls[i], error: asDeliveryError(r.reason) }] : []));
    for (const f of failures) settings.log.warn({ alertmanager: f.url, error: f.error.message }, 'Alertmanager did not take the alert');
    if (failures.length < results.length) return;
    const final = failures.every((f) => f.error.final);
    throw new DeliveryError(failures.map((f) => f.error.message).join('; '), final, failures[0]?.error.retryAfterMs);
  }

  async function resend() {
    for (const [key, alert] of open) {
      if (!(await settings.episodeOpen(alert).catch(() => true))) {
        open.delete(key);
        continue;
      }
      await post(alert, true).then(
        () => settings.counters.inc('alertmanager_resent'),
        (error: unknown) => settings.log.warn({ err: error, alertId: alert.id }, 'could not re-send an open alert to Alertmanager; next interval tries again'),
      );
    }
  }

  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= resend().finally(() => (running = null));
  }, settings.resendMs);
  timer.unref();

  return {
    name: 'alertmanager',
    async send(alert: AlertDraft) {
      await post(alert, false);
      const key = `${alert.resourceId}\u0000${alert.metric}`;
      if (alert.kind === 'forecast' || alert.kind === 'breach') open.set(key, alert);
      if (alert.kind === 'resolved') open.delete(key);
    },
    close: () => clearInterval(timer),
  };
}
