export { connectNats } from './connect';
export { ensureBus } from './provision';
export { publishEvent, createJetStream } from './publish';
export { consumeDurable, parseMessage, PermanentError } from './consume';
export { serveStatus } from './status';
export type { NatsConnection } from './connect';
export type { JetStreamClient } from './publish';
export type { ConsumeOptions } from './consume';
