import { pagerDutyEvent } from '../messages/pagerduty.event';
import type { AlertDraft, Channel } from './channel';
import { postJson } from './http-answer';

export type PagerDutySettings = { routingKey: string; eventsUrl: string; publicUrl?: string | undefined };

/**
 * Sends each notification as a PagerDuty Events API v2 event (trigger or resolve, deduplicated
 * by episode). PagerDuty answers 202 when it took the event; 429 (rate limit) and 5xx are
 * retried with the backoff, 400 (an invalid event) and other 4xx are final.
 */
export function createPagerDutyChannel(settings: PagerDutySettings): Channel {
  return {
    name: 'pagerduty',
    send: (alert: AlertDraft) =>
      postJson('PagerDuty', settings.eventsUrl, pagerDutyEvent(alert, settings.routingKey, settings.publicUrl)),
  };
}
