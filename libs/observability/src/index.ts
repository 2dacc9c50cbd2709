export { createLogger } from './logger';
export { redactSecrets, redactValue, REDACTED } from './redact';
export { createCounters } from './counters';
export { retryWithBackoff } from './retry';
export { onShutdown } from './shutdown';
export type { Logger } from './logger';
export type { Counters } from './counters';
