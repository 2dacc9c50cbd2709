import { alertStatus } from '@autoscale/contracts';
import type { AlertAck, AlertFired } from '@autoscale/contracts';
import type { Alert } from '@autoscale/http-contract';

type Ack = Pick<Alert, 'ackedBy' | 'ackedAt' | 'comment'>;

export const NO_ACK: Ack = { ackedBy: null, ackedAt: null, comment: null };

/** The ack fields of `/api/alerts` from the answer of `POST …/ack`. */
export const ackOf = (ack: AlertAck): Ack => ({ ackedBy: ack.ackedBy, ackedAt: ack.at, comment: ack.comment });

/**
 * An `alert` event of the live stream as `/api/alerts` will list it once projected: its
 * status summed up the way the read model does, with the ack its episode already has.
 *
 * @example
 * store.alerts.unshift(alertOfEvent(event, NO_ACK));
 */
export function alertOfEvent(event: AlertFired, ack: Ack): Alert {
  return {
    id: event.id,
    episodeId: event.episodeId ?? null,
    resourceId: event.resourceId,
    metric: event.metric,
    kind: event.kind,
    severity: event.severity,
    breachAt: event.breachAt,
    message: event.message,
    firedAt: event.firedAt,
    forecastAt: event.forecastAt ?? null,
    current: event.current ?? null,
    threshold: event.threshold ?? null,
    model: event.model ?? null,
    deliveries: event.deliveries,
    status: alertStatus(event),
    suppressed: event.suppressed ?? null,
    ackedBy: ack.ackedBy,
    ackedAt: ack.ackedAt,
    comment: ack.comment,
  };
}
