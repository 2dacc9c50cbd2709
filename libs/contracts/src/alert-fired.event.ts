import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';
import { BoundedNumber, EventTime, Identifier, Labels, MessageText, boundedText, eventTime, LIMITS } from './limits';
import type { TimeBounds } from './limits';

export const AlertKind = z.enum(['forecast', 'breach', 'resolved', 'test']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Wire names: stored with every delivery and in each channel's durable name. */
export const ChannelName = z.enum(['slack', 'email', 'alertmanager', 'pagerduty', 'webhook']);
export type ChannelName = z.infer<typeof ChannelName>;

/** Where one channel's delivery of a notification stands. */
export const DeliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed', 'silenced']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Why a notification was decided and recorded but never sent. */
export const SuppressedReason = z.enum(['stale', 'silenced', 'acknowledged']);
export type SuppressedReason = z.infer<typeof SuppressedReason>;

export const Delivery = z.object({
  channel: ChannelName,
  ok: z.boolean(),
  error: MessageText.optional(),
  at: EventTime,
  /** Absent in events from before delivery jobs: `ok` alone then says delivered or failed. */
  status: DeliveryStatus.optional(),
  attempts: z.number().int().min(0).optional(),
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * One notification as decided. `deliveries` holds one `pending` entry per channel that will
 * be tried (delivery jobs run apart; see {@link AlertDeliveryUpdated}), or the results when
 * the alerter sent it itself (test alerts).
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
    /** Earliest and latest likely crossing (from the prediction interval) of a `forecast` alert. */
    breachWindow: z.object({ earliest: EventTime.nullable(), latest: EventTime.nullable() }).nullable().optional(),
    /** Time of the forecast that caused the notification (the sample it was made from). */
    forecastAt: eventTime(bounds).optional(),
    /** Who asked for a test alert. */
    requestedBy: boundedText(LIMITS.idChars).optional(),
    /** Set when the notification is recorded but never delivered (old forecast, silence, ack). */
    suppressed: SuppressedReason.optional(),
    /** The resource's labels as its newest sample carried them (Prometheus series labels, zone…). */
    labels: Labels.optional(),
  });

/** The notification's shape and static limits; consumers use {@link alertFiredSchema}. */
export const AlertFired = alertFiredSchema();
export type AlertFired = z.infer<typeof AlertFired>;

export const alertFiredMsgId = (e: Pick<AlertFired, 'id' | 'kind'>) => `${e.id}:${e.kind}`;
