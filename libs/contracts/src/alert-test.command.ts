import { z } from 'zod';
import { AlertFired } from './alert-fired.event';

/** Request on `alert.test` (core NATS request/reply); the alerter sends a test alert. */
export const AlertTestRequest = z.object({
  requestedBy: z.string().max(200).optional(),
});
export type AlertTestRequest = z.infer<typeof AlertTestRequest>;

export const AlertTestReply = z.union([
  z.object({ alert: AlertFired }),
  z.object({ error: z.string() }),
]);
export type AlertTestReply = z.infer<typeof AlertTestReply>;
