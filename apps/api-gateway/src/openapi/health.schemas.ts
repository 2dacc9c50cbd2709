import { z } from '@hono/zod-openapi';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import type { PipelineService } from '@autoscale/contracts';

const Counters = z
  .record(z.string(), z.number())
  .openapi({ description: "The service's counters, summed over its replicas" });

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

/** One durable of the pipeline: how much it holds and how long its ack floor has not moved. */
const DurableProgress = z
  .object({
    service: z.enum(['forecaster', 'alerter', 'api-gateway']),
    consumer: z.string(),
    partition: z.number().int().nullable(),
    pending: z.number().int().openapi({ description: 'Messages not yet handled (undelivered plus unacked)' }),
    stalledSec: z.number().openapi({
      description:
        'Seconds since its last ack while it held messages (0 when it holds none), or since JetStream last answered for it',
    }),
    stalled: z.boolean(),
    readable: z.boolean().openapi({
      description:
        'False when JetStream did not answer for it just now (leader lost, no quorum): the figures are the last seen',
    }),
  })
  .openapi('DurableProgress');

/** Progress of the pipeline: every partition of every service and the gateway's projections. */
const Progress = z
  .object({
    jetstream: z
      .object({ up: z.boolean() })
      .openapi({ description: 'False when JetStream did not answer (no quorum): progress unknown' }),
    stallAfterSec: z
      .number()
      .openapi({ description: 'Two lease TTLs: a durable holding messages without an ack this long is stalled' }),
    stalled: z.array(z.string()).openapi({ description: 'Stalled durables, e.g. `forecaster partition 3`' }),
    services: z.record(
      z.string(),
      z.object({ pending: z.number().int(), maxStalledSec: z.number(), stalledPartitions: z.array(z.number().int()) }),
    ),
    durables: z.array(DurableProgress),
  })
  .openapi('PipelineProgress');

/** 200 with `ok` when every part is up; 503 with `degraded` and the same detail otherwise. */
export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    nats: Up,
    postgres: Up,
    progress: Progress,
    services: z.object({
      ...(Object.fromEntries(PIPELINE_SERVICES.map((name) => [name, ServiceHealth])) as Record<
        PipelineService,
        typeof ServiceHealth
      >),
      'api-gateway': z.object({ up: z.literal(true), counters: Counters }),
    }),
  })
  .openapi('Health');

export const LiveResponse = z.object({ status: z.literal('ok') }).openapi('Live');
