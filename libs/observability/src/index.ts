export { createLogger } from './logger';
export { redactSecrets, redactValue, REDACTED } from './redact';
export { createCounters } from './counters';
export { retryWithBackoff } from './retry';
export { onShutdown } from './shutdown';
export { startLivenessFile } from './liveness-file';
export type { Logger } from './logger';
export type { Counters } from './counters';
export type { LivenessFileOptions } from './liveness-file';
