export { createTestBus } from './test-bus';
export type { TestBus } from './test-bus';
