import { z } from 'zod';
import { AlertFired, ChannelName } from './alert-fired.event';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * A work item of the delivery queue: send `alert` on `channel`. `enqueuedAt` starts the
 * give-up clock, so retries stop at the same moment whichever replica holds the job.
 */
export const AlertDeliveryJob = z.object({
  v: z.literal(1),
  alert: AlertFired.omit({ deliveries: true }),
  channel: ChannelName,
  enqueuedAt: IsoTime,
});
export type AlertDeliveryJob = z.infer<typeof AlertDeliveryJob>;

/** One job per notification × channel: a notification decided again is not enqueued twice. */
export const alertDeliveryJobMsgId = (alertKey: string, channel: ChannelName) => `${alertKey}:${channel}`;
