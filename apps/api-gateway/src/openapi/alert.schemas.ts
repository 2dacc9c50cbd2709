import { z } from '@hono/zod-openapi';
import { ALERT_STATUSES, AlertAck, AlertFired, AlertKind, AlertSeverity, Delivery, MetricName, ResourceId, SuppressedReason } from '@autoscale/contracts';
import type { AlertStatus } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

// Contract schemas are named with zod's own `.meta({ id })`: `.openapi()` exists only on schemas
// built after @hono/zod-openapi was loaded, and the contracts may be loaded before it.

export const AlertStatusSchema = z.enum(ALERT_STATUSES as [AlertStatus, ...AlertStatus[]]);

/** One notification as stored, with its per-channel deliveries and overall status. */
export const Alert = z
  .object({
    id: z.string(),
    episodeId: z.string().nullable().openapi({ description: 'Groups forecast → breach → resolved; what /ack takes' }),
    resourceId: ResourceId,
    metric: MetricName,
    kind: AlertKind,
    severity: AlertSeverity,
    breachAt: IsoTime.nullable(),
    message: z.string(),
    firedAt: IsoTime,
    forecastAt: IsoTime.nullable(),
    current: z.number().nullable(),
    threshold: z.number().nullable(),
    model: z.string().nullable(),
    deliveries: z.array(Delivery.meta({ id: 'Delivery' })),
    status: AlertStatusSchema,
    suppressed: SuppressedReason.nullable().openapi({ description: 'Why it was never sent, when it was not' }),
  })
  .openapi('Alert');

export const AlertsResponse = z.object({ alerts: z.array(Alert).openapi({ description: 'Newest first' }) }).openapi('Alerts');

export const AckResponse = z.object({ ack: AlertAck.meta({ id: 'AlertAck' }) }).openapi('Ack');

export const TestAlertResponse = z.object({ alert: AlertFired.meta({ id: 'AlertFired' }) }).openapi('TestAlert');
