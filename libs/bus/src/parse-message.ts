import type { z } from 'zod';
import { eventTooLarge } from '@autoscale/contracts';

/**
 * Thrown by a handler for input that can never succeed (a database constraint, a value out
 * of range): the message goes to the dead-letter stream at once instead of being retried.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/**
 * Reads a message as JSON and validates it with `schema`; the reason says what is wrong.
 *
 * @example
 * const parsed = parseMessage(msg, MetricSampled);
 * if (parsed.ok) use(parsed.event);
 */
export function parseMessage<S extends z.ZodType>(
  msg: { json(): unknown; data?: Uint8Array },
  schema: S,
): { ok: true; event: z.infer<S> } | { ok: false; reason: string } {
  const tooLarge = msg.data ? eventTooLarge(msg.data) : null;
  if (tooLarge) return { ok: false, reason: tooLarge };
  let json: unknown;
  try {
    json = msg.json();
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, event: result.data };
}
