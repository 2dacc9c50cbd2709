import { MS_PER_MIN } from '@autoscale/time-units';
import type { AlertDraft } from '../channels/channel';
import { resourceLink } from './alert-facts';

/** One alert as Alertmanager's `POST /api/v2/alerts` takes it. */
export type AlertmanagerAlert = {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
};

/**
 * Wire names: Alertmanager routes, silences and inhibitions match them, so renaming one
 * silently breaks the operators' routing. A forecast and a breach are two alerts (severity
 * warning and critical), so an inhibit rule can mute the forecast while the breach fires.
 */
export const ALERTNAMES = { forecast: 'SaturationForecast', breach: 'Saturation', test: 'SaturationTest' } as const;
const SEVERITY = { forecast: 'warning', breach: 'critical', test: 'info' } as const;
/** Labels the product sets; a resource label of the same name is not allowed to hide them. */
const OWN_LABELS = new Set(['alertname', 'resource', 'metric', 'severity']);

/**
 * The Alertmanager alerts a notification stands for: a forecast fires `SaturationForecast`;
 * a breach fires `Saturation` and ends the forecast it confirmed; a resolution ends both.
 * A firing alert ends by itself at `now + validForMs` unless it is re-sent (as Prometheus
 * does), so a product that stopped sending never leaves a page open for ever.
 *
 * @example
 * alertmanagerAlerts(alert, Date.now(), 240_000, 'https://cirm.example');
 * // [{ labels: { alertname: 'SaturationForecast', resource: 'web-1', metric: 'cpu', severity: 'warning', … }, annotations: { summary, … }, startsAt, endsAt, generatorURL }]
 */
export function alertmanagerAlerts(
  alert: AlertDraft,
  now: number,
  validForMs: number,
  publicUrl?: string,
): AlertmanagerAlert[] {
  const at = (kind: keyof typeof ALERTNAMES, endsAt: number): AlertmanagerAlert => {
    const link = resourceLink(alert, publicUrl);
    return {
      labels: {
        ...resourceLabels(alert.labels),
        alertname: ALERTNAMES[kind],
        resource: alert.resourceId,
        metric: alert.metric,
        severity: SEVERITY[kind],
      },
      annotations: annotations(alert, link),
      startsAt: episodeStart(alert),
      endsAt: new Date(endsAt).toISOString(),
      ...(link ? { generatorURL: link } : {}),
    };
  };
  const until = now + validForMs;
  if (alert.kind === 'forecast') return [at('forecast', until)];
  if (alert.kind === 'breach') return [at('breach', until), at('forecast', now)];
  if (alert.kind === 'test') return [at('test', now + 5 * MS_PER_MIN)];
  return [at('breach', now), at('forecast', now)];
}

function annotations(alert: AlertDraft, link: string | undefined): Record<string, string> {
  const out: Record<string, string> = {
    summary: alert.message,
    description: `${alert.resourceId} ${alert.metric}: ${alert.message}`,
  };
  if (alert.current !== undefined) out['current'] = `${alert.current.toFixed(1)}%`;
  if (alert.threshold !== undefined) out['threshold'] = `${alert.threshold}%`;
  if (alert.breachAt) out['predicted_breach'] = alert.breachAt;
  const window = alert.breachWindow;
  if (window && (window.earliest || window.latest))
    out['breach_window'] = `${window.earliest ?? '?'} – ${window.latest ?? '?'}`;
  if (alert.model) out['model'] = alert.model;
  if (alert.episodeId) out['episode'] = alert.episodeId;
  if (link) out['dashboard'] = link;
  return out;
}

/** The episode's start (the last part of its id), else the decision time. */
function episodeStart(alert: AlertDraft): string {
  const last = alert.episodeId?.split('/').at(-1);
  return last && !Number.isNaN(Date.parse(last)) ? new Date(last).toISOString() : alert.firedAt;
}

/** Resource labels under valid Prometheus label names; never one of the product's own. */
function resourceLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    const name = key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=\d)/, '_');
    if (!OWN_LABELS.has(name) && !name.startsWith('__')) out[name] = value;
  }
  return out;
}
