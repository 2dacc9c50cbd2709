import { z } from 'zod';
import { AlertFired } from './alert-fired.event';

/**
 * Request on `alert.test` (core NATS request/reply); the alerter sends a test alert.
 * `deadline` is when the requester stops waiting: a request received after it is dropped,
 * so an alerter catching up after an outage never pages for requests nobody awaits.
 */
export const AlertTestRequest = z.object({
  requestedBy: z.string().max(200).optional(),
  deadline: z.iso.datetime({ offset: true }),
});
export type AlertTestRequest = z.infer<typeof AlertTestRequest>;

export const AlertTestReply = z.union([z.object({ alert: AlertFired }), z.object({ error: z.string() })]);
export type AlertTestReply = z.infer<typeof AlertTestReply>;
