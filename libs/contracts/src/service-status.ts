import { z } from 'zod';

/** Reply on `autoscale.status.<service>`: what the gateway's health check shows. */
export const ServiceStatus = z.object({
  service: z.string(),
  instance: z.string(),
  startedAt: z.string(),
  counters: z.record(z.string(), z.number()),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** The services the gateway expects to answer a status request. */
export const PIPELINE_SERVICES = ['collector', 'forecaster', 'alerter'] as const;
export type PipelineService = (typeof PIPELINE_SERVICES)[number];
