import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';

const IsoTime = z.iso.datetime({ offset: true });

export const AlertKind = z.enum(['forecast', 'breach', 'resolved', 'test']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const ChannelName = z.enum(['slack', 'email']);
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
  error: z.string().optional(),
  at: IsoTime,
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
 */
export const AlertFired = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  resourceId: ResourceId,
  metric: MetricName,
  kind: AlertKind,
  severity: AlertSeverity,
  breachAt: IsoTime.nullable(),
  message: z.string(),
  firedAt: IsoTime,
  deliveries: z.array(Delivery),
  /** Groups the notifications of one episode (forecast → breach → resolved). */
  episodeId: z.string().optional(),
  current: z.number().optional(),
  threshold: z.number().optional(),
  model: z.string().optional(),
  /** Earliest and latest likely crossing (from the prediction interval) of a `forecast` alert. */
  breachWindow: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable().optional(),
  /** Time of the forecast that caused the notification (the sample it was made from). */
  forecastAt: IsoTime.optional(),
  /** Who asked for a test alert. */
  requestedBy: z.string().optional(),
  /** Set when the notification is recorded but never delivered (old forecast, silence, ack). */
  suppressed: SuppressedReason.optional(),
});
export type AlertFired = z.infer<typeof AlertFired>;

export const alertFiredMsgId = (e: Pick<AlertFired, 'id' | 'kind'>) => `${e.id}:${e.kind}`;
