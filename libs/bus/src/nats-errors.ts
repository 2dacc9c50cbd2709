import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

/** The JetStream API error code of `error` (10059 stream not found…), or undefined for any other failure. */
export const apiErrorCode = (error: unknown): number | undefined =>
  error instanceof JetStreamApiError ? error.code : undefined;

/** True when JetStream answered that the stream or consumer does not exist (not a timeout, not "no quorum"). */
export const isNotFound = (error: unknown): boolean => {
  const code = apiErrorCode(error);
  return code === JetStreamApiCodes.StreamNotFound || code === JetStreamApiCodes.ConsumerNotFound;
};

/** True when a compare-and-set write failed because the key has another revision now. */
export const isWrongLastSequence = (error: unknown): boolean =>
  apiErrorCode(error) === JetStreamApiCodes.StreamWrongLastSequence;
