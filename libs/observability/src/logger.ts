import { pino } from 'pino';
import type { Logger } from 'pino';
import { redactValue } from './redact';

/**
 * JSON logs, one line per event, with the service name on every line so that the four
 * services' output can be interleaved (as `npm start` does) and still be told apart.
 * Every argument goes through {@link redactValue} first: a URL with a password, a token
 * field or an error quoting `DATABASE_URL` is written with `***` in its place.
 *
 * @example
 * const log = createLogger('collector', 'info');
 * log.info({ resources: 5 }, 'polling');
 */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    // Errors arrive already turned into redacted plain objects; pino's own serializer would
    // rename their type to `Object`.
    serializers: { err: (err: unknown) => redactValue(err), error: (err: unknown) => redactValue(err) },
    hooks: {
      logMethod(args, method) {
        const safe = args.map((arg) => redactValue(arg)) as Parameters<typeof method>;
        method.apply(this, safe);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
