import { pino } from 'pino';
import type { Logger } from 'pino';

/**
 * JSON logs, one line per event, with the service name on every line so that the four
 * services' output can be interleaved (as `npm start` does) and still be told apart.
 *
 * @example
 * const log = createLogger('collector', 'info');
 * log.info({ resources: 5 }, 'polling');
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

export type { Logger };
