import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';

const IsoTime = z.iso.datetime({ offset: true });

export const AlertKind = z.enum(['forecast', 'breach', 'resolved', 'test']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const Delivery = z.object({
  channel: z.enum(['slack', 'email']),
  ok: z.boolean(),
  error: z.string().optional(),
  at: IsoTime,
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * One notification, after delivery was attempted on every configured channel.
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
  /** Time of the forecast that caused the notification (the sample it was made from). */
  forecastAt: IsoTime.optional(),
  /** Who asked for a test alert. */
  requestedBy: z.string().optional(),
});
export type AlertFired = z.infer<typeof AlertFired>;

export const alertFiredMsgId = (e: Pick<AlertFired, 'id' | 'kind'>) => `${e.id}:${e.kind}`;
