import { z } from 'zod';

/**
 * The author a caller may type on a write (`ackedBy`, `createdBy`, `pausedBy`). Believed only
 * while writes are open: with tokens configured, the token's name is recorded instead.
 */
export const TypedAuthor = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({ description: "Ignored when tokens are configured: the token's name is recorded instead" });
