import { z } from 'zod';
import { ResourceId } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

/** A resource as the resources table holds it: its newest values and how many samples it has. */
export const Resource = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    cpu: z.number().nullable().meta({ description: 'Newest CPU sample, percent; null when none had CPU' }),
    mem: z.number().nullable().meta({ description: 'Newest memory sample, percent; null when none had memory' }),
    memoryAvailable: z.boolean().meta({ description: 'False when the provider has no memory metric' }),
    samples: z.number().int().nonnegative(),
  })
  .meta({ id: 'Resource' });
export type Resource = z.infer<typeof Resource>;

/** `GET /api/resources`. */
export const ResourcesResponse = z.object({ resources: z.array(Resource) }).meta({ id: 'Resources' });
export type ResourcesResponse = z.infer<typeof ResourcesResponse>;
