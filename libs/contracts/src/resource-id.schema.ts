import { z } from 'zod';

/**
 * A resource id as providers give it (instance id, host name, file name). NUL is refused:
 * PostgreSQL text cannot hold it, so such an event could never be projected.
 */
export const ResourceId = z
  .string()
  .min(1)
  .max(256)
  .refine((id) => !id.includes('\u0000'), 'must not contain the NUL character');
