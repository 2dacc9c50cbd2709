import { alertDeliveryJobEvent, alertFiredEvent } from '@autoscale/contracts';
import type { AlertDeliveryJob, AlertFired, Delivery } from '@autoscale/contracts';
import type { AlertRecord } from './alert-record';
import type { AlerterDeps } from './alerter-deps';

/**
 * Publishes the notification in the outbox and enqueues one delivery job per channel (none
 * when it is suppressed), then clears the outbox. Every publish carries a dedupe id, so a
 * flush repeated after a crash, or by another replica, adds nothing: it is safe for any
 * replica to flush an outbox it finds.
 */
export async function flushOutbox(
  key: string,
  record: AlertRecord,
  revision: number,
  deps: Pick<AlerterDeps, 'store' | 'channelsFor' | 'names' | 'publish' | 'log' | 'counters'>,
): Promise<number> {
  const draft = record.outbox!;
  const channels = draft.suppressed ? [] : deps.channelsFor(draft.resourceId, draft.metric, draft.labels);
  const deliveries: Delivery[] = channels.map((channel) => ({
    channel,
    ok: false,
    status: 'pending',
    attempts: 0,
    at: draft.firedAt,
  }));
  const alert: AlertFired = { ...draft, deliveries };
  await deps.publish(alertFiredEvent, alert);
  for (const channel of channels) {
    const job: AlertDeliveryJob = { v: 1, alert: draft, channel, enqueuedAt: draft.firedAt };
    await deps.publish(alertDeliveryJobEvent, job);
  }
  deps.counters.inc(draft.suppressed ? `alerts_suppressed_${draft.suppressed}` : `alerts_${alert.kind}`);
  deps.log.info(
    { alertId: alert.id, kind: alert.kind, severity: alert.severity, suppressed: draft.suppressed },
    'alert decided',
  );
  return deps.store.write(key, { ...record, outbox: null }, revision);
}
