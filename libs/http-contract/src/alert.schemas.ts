import { z } from 'zod';
import { TypedAuthor } from './typed-author.schema';
import {
  ALERT_STATUSES,
  AlertAck,
  AlertKind,
  AlertSeverity,
  Delivery,
  MetricName,
  ResourceId,
  SuppressedReason,
} from '@autoscale/contracts';
import type { AlertStatus } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

// Contract schemas are named with zod's own `.meta({ id })`, as every schema here: this
// library is also bundled into the dashboard, where @hono/zod-openapi's `.openapi()` is not.

export const AlertStatusSchema = z.enum(ALERT_STATUSES as [AlertStatus, ...AlertStatus[]]);

/** One notification as stored, with its per-channel deliveries, overall status and its episode's ack. */
export const Alert = z
  .object({
    id: z.string(),
    episodeId: z.string().nullable().meta({ description: 'Groups forecast → breach → resolved; what /ack takes' }),
    resourceId: ResourceId,
    metric: MetricName,
    kind: AlertKind,
    severity: AlertSeverity,
    breachAt: IsoTime.nullable(),
    message: z.string(),
    firedAt: IsoTime.meta({ description: 'When the alerter decided it' }),
    forecastAt: IsoTime.nullable().meta({
      description: 'Time of the forecast it was decided on (its newest sample); null for test alerts',
    }),
    current: z.number().nullable(),
    threshold: z.number().nullable(),
    model: z.string().nullable(),
    deliveries: z.array(Delivery.meta({ id: 'Delivery' })),
    status: AlertStatusSchema,
    suppressed: SuppressedReason.nullable().meta({ description: 'Why it was never sent, when it was not' }),
    ackedBy: z
      .string()
      .nullable()
      .meta({ description: "Who acknowledged the alert's episode; null when it is not acknowledged" }),
    ackedAt: IsoTime.nullable().meta({ description: 'When the episode was acknowledged; null when it is not' }),
    comment: z
      .string()
      .nullable()
      .meta({ description: "The acknowledgement's comment; null when the episode is not acknowledged" }),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

/** `GET /api/alerts`. */
export const AlertsResponse = z
  .object({ alerts: z.array(Alert).meta({ description: 'Newest first' }) })
  .meta({ id: 'Alerts' });
export type AlertsResponse = z.infer<typeof AlertsResponse>;

/** The body of `POST /api/alerts/:episodeId/ack`. */
export const AckBody = z.object({
  ackedBy: TypedAuthor,
  comment: z.string().max(1000).default(''),
});
export type AckBody = z.input<typeof AckBody>;

/** The answer of `POST /api/alerts/:episodeId/ack`. */
export const AckResponse = z.object({ ack: AlertAck.meta({ id: 'AlertAck' }) }).meta({ id: 'Ack' });
export type AckResponse = z.infer<typeof AckResponse>;
