import { z } from 'zod';
import { AlertFired, ChannelName, DeliveryStatus } from './alert-fired.event';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * One delivery attempt's outcome for one channel of one notification (`alertKey` is the
 * notification's {@link alertFiredMsgId}). Published on `alert.delivery.<status>.<channel>`
 * after every attempt; the gateway folds it into the alert's row, keeping the entry with
 * the most attempts, so redeliveries and reordering change nothing.
 */
export const AlertDeliveryUpdated = z.object({
  v: z.literal(1),
  alertKey: z.string().min(1),
  alertId: z.string().min(1),
  channel: ChannelName,
  status: DeliveryStatus,
  attempts: z.number().int().min(0),
  error: z.string().max(1000).optional(),
  at: IsoTime,
  /** When the next attempt is due (status `retrying`). */
  retryAt: IsoTime.optional(),
});
export type AlertDeliveryUpdated = z.infer<typeof AlertDeliveryUpdated>;

export const alertDeliveryUpdatedMsgId = (
  e: Pick<AlertDeliveryUpdated, 'alertKey' | 'channel' | 'attempts' | 'status'>,
) => `${e.alertKey}:${e.channel}:${e.attempts}:${e.status}`;

/**
 * What the ALERTS stream carries: notifications and their delivery updates.
 * A message is an update when it has `alertKey`.
 */
export const AlertStreamEvent = z.union([AlertDeliveryUpdated, AlertFired]);
export type AlertStreamEvent = z.infer<typeof AlertStreamEvent>;
