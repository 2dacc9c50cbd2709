import type { Counters, Logger } from '@autoscale/observability';
import { alertmanagerAlerts } from '../messages/alertmanager.message';
import type { AlertmanagerAlert } from '../messages/alertmanager.message';
import type { AlertDraft, Channel } from './channel';
import { DeliveryError, asDeliveryError } from './channel';
import { postJson } from './http-answer';

export type AlertmanagerSettings = {
  /** Base URLs; every one is sent every alert (Alertmanager HA peers deduplicate). */
  urls: readonly string[];
  resendMs: number;
  publicUrl?: string | undefined;
  /**
   * The newest notification of every open episode routed to Alertmanager, from the shared
   * alert state: what any replica decided, also before a restart.
   */
  openAlerts: () => Promise<readonly AlertDraft[]>;
  log: Logger;
  counters: Counters;
  now?: () => number;
};

/** Alertmanager ends a firing alert not re-sent within this many resend intervals (as Prometheus sets it). */
const VALID_FOR_RESENDS = 4;

/** Open alerts re-sent in one request. */
const RESEND_CHUNK = 500;

/**
 * Sends each notification to every Alertmanager (`POST /api/v2/alerts`); delivered when at
 * least one took it (the others get it at the next re-send). Every `resendMs` the firing
 * alert of each open episode is re-sent, read from the shared alert state, so it stays up
 * across alerter restarts and stops as soon as the episode closes on any replica; if the
 * alerter stops altogether, Alertmanager ends the alert after four intervals.
 */
export function createAlertmanagerChannel(settings: AlertmanagerSettings): Channel {
  const now = settings.now ?? Date.now;
  const validForMs = VALID_FOR_RESENDS * settings.resendMs;

  /** Posts `alerts` to every Alertmanager; delivered when at least one took them. */
  async function post(alerts: AlertmanagerAlert[]): Promise<void> {
    const results = await Promise.allSettled(
      settings.urls.map((url) => postJson('Alertmanager', `${url.replace(/\/+$/, '')}/api/v2/alerts`, alerts)),
    );
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ url: settings.urls[i], error: asDeliveryError(r.reason) }] : [],
    );
    for (const f of failures)
      settings.log.warn({ alertmanager: f.url, error: f.error.message }, 'Alertmanager did not take the alert');
    if (failures.length < results.length) return;
    const final = failures.every((f) => f.error.final);
    throw new DeliveryError(failures.map((f) => f.error.message).join('; '), final, failures[0]?.error.retryAfterMs);
  }

  /**
   * Every open episode's firing alert, in lists of `RESEND_CHUNK` (Alertmanager takes a list:
   * a large fleet's open alerts are a few requests per interval, not one each).
   */
  async function resend() {
    const at = now();
    const firing = (await settings.openAlerts())
      .flatMap((alert) => alertmanagerAlerts(alert, at, validForMs, settings.publicUrl))
      .filter((a) => Date.parse(a.endsAt) > at);
    for (let i = 0; i < firing.length; i += RESEND_CHUNK) {
      const chunk = firing.slice(i, i + RESEND_CHUNK);
      await post(chunk).then(
        () => settings.counters.inc('alertmanager_resent', chunk.length),
        (error: unknown) =>
          settings.log.warn(
            { err: error, alerts: chunk.length },
            'could not re-send open alerts to Alertmanager; next interval tries again',
          ),
      );
    }
  }

  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= resend()
      .catch((error: unknown) =>
        settings.log.warn({ err: error }, 'could not read the open alerts to re-send; next interval tries again'),
      )
      .finally(() => (running = null));
  }, settings.resendMs);
  timer.unref();

  return {
    name: 'alertmanager',
    send: (alert: AlertDraft) => post(alertmanagerAlerts(alert, now(), validForMs, settings.publicUrl)),
    close: () => clearInterval(timer),
  };
}
