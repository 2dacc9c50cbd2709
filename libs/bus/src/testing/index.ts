export { createTestBus } from './test-bus';
export { readStream, durableBacklog } from './read-stream';
export type { TestBus } from './test-bus';
export { startNatsServer } from './nats-server.process';
export type { TestNatsServer } from './nats-server.process';
// Raw clients for tests that drive a NATS server of their own (stopped, restarted, with auth).
export { connect as connectRawNats } from '@nats-io/transport-node';
export { jetstream, jetstreamManager } from '@nats-io/jetstream';
export type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
export type { NatsConnection } from '@nats-io/transport-node';
export { startNatsCluster } from './nats-cluster.process';
export type { TestNatsCluster } from './nats-cluster.process';
export { sampleAt } from './sample';
export { standInForDurable } from './durable-stand-in';
export type { StandInAnswer } from './durable-stand-in';
