export { createTestBus } from './test-bus';
export type { TestBus } from './test-bus';
export { startNatsServer } from './nats-server.process';
export type { TestNatsServer } from './nats-server.process';
