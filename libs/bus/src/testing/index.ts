export { createTestBus } from './test-bus';
export { readStream, durableBacklog } from './read-stream';
export type { TestBus } from './test-bus';
