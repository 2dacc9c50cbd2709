import { z } from '@hono/zod-openapi';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import type { PipelineService } from '@autoscale/contracts';

const Counters = z.record(z.string(), z.number()).openapi({ description: "The service's counters, summed over its replicas" });

/** A pipeline service that answered the NATS stats request just now, or one that did not. */
const ServiceHealth = z
  .union([
    z.object({
      up: z.literal(true),
      instances: z.array(z.object({ instance: z.string(), startedAt: z.string(), version: z.string() })),
      counters: Counters,
    }),
    z.object({ up: z.literal(false), error: z.string() }),
  ])
  .openapi('ServiceHealth');

const Up = z.object({ up: z.boolean() });

/** 200 with `ok` when every part is up; 503 with `degraded` and the same detail otherwise. */
export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    nats: Up,
    postgres: Up,
    services: z.object({
      ...(Object.fromEntries(PIPELINE_SERVICES.map((name) => [name, ServiceHealth])) as Record<PipelineService, typeof ServiceHealth>),
      'api-gateway': z.object({ up: z.literal(true), counters: Counters }),
    }),
  })
  .openapi('Health');

export const LiveResponse = z.object({ status: z.literal('ok') }).openapi('Live');
