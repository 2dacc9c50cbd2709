import type { AlertDraft } from '../channels/channel';
import { alertFacts, KIND_TITLE, resourceLink } from './alert-facts';

/** PagerDuty limits: dedup_key 255 characters, summary 1,024. */
const DEDUP_MAX = 255;
const SUMMARY_MAX = 1024;

/**
 * A PagerDuty Events API v2 event: `trigger` for a forecast or a breach, `resolve` when the
 * episode resolves, `dedup_key` the episode, so a forecast, the breach that follows and the
 * resolution are one incident. Severities map one to one (info, warning, critical).
 *
 * @example
 * pagerDutyEvent(alert, 'R0UTINGKEY', 'https://cirm.example');
 * // { routing_key, event_action: 'trigger', dedup_key: 'web-1/cpu/2024-…', payload: { summary, source: 'web-1', severity: 'warning', … } }
 */
export function pagerDutyEvent(alert: AlertDraft, routingKey: string, publicUrl?: string) {
  const dedupKey = (alert.episodeId ?? alert.id).slice(0, DEDUP_MAX);
  if (alert.kind === 'resolved')
    return { routing_key: routingKey, event_action: 'resolve' as const, dedup_key: dedupKey };
  const link = resourceLink(alert, publicUrl);
  return {
    routing_key: routingKey,
    event_action: 'trigger' as const,
    dedup_key: dedupKey,
    payload: {
      summary: `${KIND_TITLE[alert.kind]}: ${alert.message}`.slice(0, SUMMARY_MAX),
      source: alert.resourceId,
      severity: alert.severity,
      timestamp: alert.firedAt,
      component: alert.metric,
      class: alert.kind,
      custom_details: { ...Object.fromEntries(alertFacts(alert)), ...(alert.labels ? { labels: alert.labels } : {}) },
    },
    client: 'AutoScale CIRM',
    ...(link ? { client_url: link, links: [{ href: link, text: 'Open in dashboard' }] } : {}),
  };
}
