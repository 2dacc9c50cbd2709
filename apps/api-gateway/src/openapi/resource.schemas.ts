import { z } from '@hono/zod-openapi';
import { ResourceId } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

/** A resource as the resources table holds it: its newest values and how many samples it has. */
export const Resource = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    cpu: z.number().nullable().openapi({ description: 'Newest CPU sample, percent; null when none had CPU' }),
    mem: z.number().nullable().openapi({ description: 'Newest memory sample, percent; null when none had memory' }),
    memoryAvailable: z.boolean().openapi({ description: 'False when the provider has no memory metric' }),
    samples: z.number().int().nonnegative(),
    labels: z.record(z.string(), z.string()).openapi({ description: "The newest sample's labels (Prometheus series labels, a cloud instance's zone and name); rules files can match them" }),
  })
  .openapi('Resource');

export const ResourcesResponse = z.object({ resources: z.array(Resource) }).openapi('Resources');
