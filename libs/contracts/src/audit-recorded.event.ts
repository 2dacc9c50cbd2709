import { z } from 'zod';

/**
 * What was done through the API. WARNING: wire names — each action is the last token of its
 * subject (`audit.silence.created`); renaming one splits the trail of running systems.
 */
export const AuditAction = z.enum([
  'silence.created',
  'silence.deleted',
  'alert.acked',
  'alert.tested',
  'target.paused',
  'target.resumed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * `audit.<action>` in AUDIT: who (the name of the API token that authorised the request,
 * never a name the caller typed) did what, to which object, when.
 */
export const AuditRecorded = z.object({
  v: z.literal(1),
  id: z.string().min(1).max(64),
  action: AuditAction,
  /** The token's name from API_TOKENS_FILE; `api-token` for the single API_TOKEN; `anonymous` when writes are open. */
  actor: z.string().min(1).max(100),
  /** What the action touched: a silence id, an episode id, a scale target… */
  target: z.string().max(300),
  /** The request's salient fields (a silence's matcher and times, an ack's comment). */
  details: z.record(z.string(), z.unknown()).default({}),
  at: z.iso.datetime({ offset: true }),
});
export type AuditRecorded = z.infer<typeof AuditRecorded>;
