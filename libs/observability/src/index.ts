export { createLogger } from './logger';
export { createCounters } from './counters';
export { retryWithBackoff, backoffDelay } from './retry';
export type { BackoffOptions } from './retry';
export { onShutdown } from './shutdown';
export { startLivenessFile } from './liveness-file';
export type { Logger } from './logger';
export type { Counters } from './counters';
export type { LivenessFileOptions } from './liveness-file';
