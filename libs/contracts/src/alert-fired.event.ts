import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';
import { BoundedNumber, EventTime, Identifier, MessageText, boundedText, eventTime, LIMITS } from './limits';
import type { TimeBounds } from './limits';

export const AlertKind = z.enum(['forecast', 'breach', 'resolved', 'test']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const Delivery = z.object({
  channel: z.enum(['slack', 'email']),
  ok: z.boolean(),
  error: MessageText.optional(),
  at: EventTime,
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * One notification, after delivery was attempted on every configured channel.
 * Published on `alert.fired.<severity>.<resource>`, dedupe id {@link alertFiredMsgId}.
 * With `bounds`, `firedAt` and `forecastAt` may not lie further ahead than the clock skew.
 *
 * @example
 * const schema = alertFiredSchema({ now: Date.now, maxClockSkewSec: 300 });
 */
export const alertFiredSchema = (bounds?: TimeBounds) =>
  z.object({
    v: z.literal(1),
    id: Identifier,
    resourceId: ResourceId,
    metric: MetricName,
    kind: AlertKind,
    severity: AlertSeverity,
    breachAt: EventTime.nullable(),
    message: MessageText,
    firedAt: eventTime(bounds),
    deliveries: z.array(Delivery).max(16),
    /** Groups the notifications of one episode (forecast → breach → resolved). */
    episodeId: Identifier.optional(),
    current: BoundedNumber.optional(),
    threshold: BoundedNumber.optional(),
    model: Identifier.optional(),
    /** Time of the forecast that caused the notification (the sample it was made from). */
    forecastAt: eventTime(bounds).optional(),
    /** Who asked for a test alert. */
    requestedBy: boundedText(LIMITS.idChars).optional(),
  });

/** The notification's shape and static limits; consumers use {@link alertFiredSchema}. */
export const AlertFired = alertFiredSchema();
export type AlertFired = z.infer<typeof AlertFired>;

export const alertFiredMsgId = (e: Pick<AlertFired, 'id' | 'kind'>) => `${e.id}:${e.kind}`;
