import { z } from 'zod';
import { globMatches } from './glob';
import { MetricName } from './metric-name';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * A silence, stored in the `ALERT_SILENCES` bucket under {@link silenceKey}: matching alerts
 * are decided and recorded, marked `silenced`, and never delivered while it is in force.
 */
export const AlertSilence = z.object({
  v: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** A resource id or a glob (`web-*`). */
  resource: z.string().min(1).max(300),
  /** A metric, or `*` for any. */
  metric: z.union([MetricName, z.literal('*')]),
  startsAt: IsoTime,
  endsAt: IsoTime,
  comment: z.string().max(1000).default(''),
  createdBy: z.string().min(1).max(200),
  createdAt: IsoTime,
});
export type AlertSilence = z.infer<typeof AlertSilence>;

/** An acknowledged episode, under {@link ackKey}: no re-notification until it resolves. */
export const AlertAck = z.object({
  v: z.literal(1),
  episodeId: z.string().min(1),
  ackedBy: z.string().min(1).max(200),
  comment: z.string().max(1000).default(''),
  at: IsoTime,
});
export type AlertAck = z.infer<typeof AlertAck>;

// WARNING: key layouts of a bucket running systems read; changing them loses every silence and ack.
export const silenceKey = (id: string) => `silence.${id}`;
export const SILENCE_KEYS = 'silence.>';
export const ackKey = (episodeId: string) => `ack.${Buffer.from(episodeId, 'utf8').toString('base64url')}`;

/**
 * Whether the silence is in force at `at` for the series.
 *
 * @example
 * silenceMatches(silence, 'web-01', 'cpu', Date.now());
 */
export function silenceMatches(silence: AlertSilence, resourceId: string, metric: string, at: number): boolean {
  if (at < Date.parse(silence.startsAt) || at >= Date.parse(silence.endsAt)) return false;
  if (silence.metric !== '*' && silence.metric !== metric) return false;
  return globMatches(silence.resource, resourceId);
}
