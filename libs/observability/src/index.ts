export { createLogger } from './logger';
export { createCounters } from './counters';
export { retryWithBackoff, backoffDelay } from './retry';
export type { BackoffOptions } from './retry';
export { onShutdown } from './shutdown';
export type { Logger } from './logger';
export type { Counters } from './counters';
