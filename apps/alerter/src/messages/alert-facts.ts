import { metricLabel } from '../alert-message';
import type { AlertDraft } from '../channels/channel';

/** The facts every message shows, as labelled strings, in reading order. */
export function alertFacts(alert: AlertDraft): Array<[label: string, value: string]> {
  const facts: Array<[string, string]> = [
    ['Resource', alert.resourceId],
    ['Metric', metricLabel(alert.metric)],
  ];
  if (alert.current !== undefined) facts.push(['Current value', `${alert.current.toFixed(1)}%`]);
  if (alert.threshold !== undefined) facts.push(['Threshold', `${alert.threshold}%`]);
  if (alert.breachAt) facts.push(['Predicted breach', alert.breachAt]);
  const window = alert.breachWindow;
  if (window && (window.earliest || window.latest))
    facts.push(['Breach window', `${window.earliest ?? '?'} – ${window.latest ?? '?'}`]);
  if (alert.model) facts.push(['Model', alert.model]);
  facts.push(['Decided at', alert.firedAt]);
  return facts;
}

/** The dashboard page of the alert's resource, when the dashboard's address is known. */
export const resourceLink = (alert: AlertDraft, publicUrl?: string) =>
  publicUrl && alert.kind !== 'test'
    ? `${publicUrl.replace(/\/$/, '')}/#/resource/${encodeURIComponent(alert.resourceId)}`
    : undefined;

export const KIND_TITLE: Record<AlertDraft['kind'], string> = {
  forecast: 'Saturation forecast',
  breach: 'Threshold breached',
  resolved: 'Resolved',
  test: 'Test alert',
};
