import type { z } from 'zod';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import { PermanentError } from './parse-message';
import { publishEvent, publishMany, DEFAULT_PUBLISH_IN_FLIGHT } from './publish';
import type { JetStreamClient, PubAck } from './publish';

/** An event its own contract refuses: never published, so no consumer ever sees it. */
export class InvalidEventError extends PermanentError {
  override name = 'InvalidEventError';
}

function validated<S extends z.ZodType>(descriptor: EventDescriptor<S>, event: z.infer<S>): z.infer<S> {
  const result = descriptor.schema.safeParse(event);
  if (result.success) return result.data;
  const reason = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new InvalidEventError(`${descriptor.name} refused: ${reason}`);
}

/**
 * Validates an event against its contract and publishes it on its subject with its dedupe
 * id; resolves with the stream's ack. Throws {@link InvalidEventError} for an invalid event.
 *
 * @example
 * const ack = await publish(js, names, metricSampledEvent, sample);
 * if (ack.duplicate) counters.inc('duplicates');
 */
export async function publish<S extends z.ZodType>(
  js: JetStreamClient,
  names: BusNames,
  descriptor: EventDescriptor<S>,
  event: z.infer<S>,
): Promise<PubAck> {
  const valid = validated(descriptor, event);
  return publishEvent(js, descriptor.subject(names, valid), valid, descriptor.msgId(valid));
}

/**
 * {@link publish} for many events, at most `inFlight` awaiting their ack at once, in order;
 * resolves when every one is stored. Validates them all before publishing any.
 *
 * @example
 * await publishAll(js, names, forecastUpdatedEvent, forecasts);
 */
export async function publishAll<S extends z.ZodType>(
  js: JetStreamClient,
  names: BusNames,
  descriptor: EventDescriptor<S>,
  events: ReadonlyArray<z.infer<S>>,
  inFlight = DEFAULT_PUBLISH_IN_FLIGHT,
): Promise<PubAck[]> {
  const outgoing = events.map((event) => {
    const valid = validated(descriptor, event);
    return { subject: descriptor.subject(names, valid), event: valid, msgId: descriptor.msgId(valid) };
  });
  return publishMany(js, outgoing, inFlight);
}

/** {@link publish} bound to a client and names: what handlers take as their publish dependency. */
export type Publisher = <S extends z.ZodType>(descriptor: EventDescriptor<S>, event: z.infer<S>) => Promise<PubAck>;

/**
 * Binds {@link publish} to a JetStream client and bus names.
 *
 * @example
 * const publishTo = publisher(js, names);
 * await publishTo(alertFiredEvent, alert);
 */
export const publisher =
  (js: JetStreamClient, names: BusNames): Publisher =>
  (descriptor, event) =>
    publish(js, names, descriptor, event);
