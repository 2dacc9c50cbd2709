// The bus front door: built once from the service's config, everything else goes through it.
export { openBus, busOver } from './open-bus';
export type { Bus, BusConfig, BusContext, BusPartitionConsumeOptions } from './open-bus';

// Publishing: typed by the event descriptors of @autoscale/contracts.
export { publish, publishAll, publisher } from './typed-publish';
export type { Publisher } from './typed-publish';
export { publishEvent, createJetStream } from './publish';
export type { JetStreamClient } from './publish';

// Consuming: batches in stream order, delivery jobs, replays that rebuild state.
export { consumeBatches } from './consume-batches';
export { consumePartitions } from './consume-partitions';
export { consumeJobs } from './consume-jobs';
export { parseMessage, PermanentError } from './parse-message';
export { replayToAckFloor, lastStoredEvent } from './stream-reads';
export { tailStream, streamLastSeq } from './stream-tail';
export type { TailedMessage } from './stream-tail';

// Provisioning (the front door's `ensure`; tests and tools call it directly), and the
// create-or-update helpers that answer "missing" only on JetStream's "not found".
export { ensureBus } from './provision';
export { addOrUpdateStream, consumerInfoOrNull, streamInfoOrNull } from './stream-config';
export { durableSpecs } from './durables';
export type { JetStreamManager } from '@nats-io/jetstream';

// KV buckets are opened through `Bus.kv`, so they get the bus's replicas.
export type { KV } from './kv';

// Operations: service discovery and stats, progress, lag, dead letters.
export { registerService, SERVICE_VERSION } from './micro-service';
export { collectServiceStats } from './service-stats';
export type { ServiceInstanceStats } from './service-stats';
export { consumerLag } from './consumer-lag';
export { durableInfo } from './durable-info';
export { trackConsumerProgress } from './consumer-progress';
export type { ConsumerProgress, DurableProgress, ProgressReport } from './consumer-progress';
export { replayDeadLetters } from './replay-dead-letters';

// Connections (the front door connects; tests with servers of their own use these).
export { connectNats } from './connect';
export { natsConnectOptions } from './nats-options';
export type { NatsConnection } from './connect';

// Publishing many with a bounded window of acks in flight, each series in order (replay, bench).
export { createPublishWindow } from './publish-window';
export type { PublishWindow } from './publish-window';

// Work queues with compare-and-set claims (alert deliveries, scale actuations), and the
// scaler's own provisioning and per-target pauses.
export { ensureWorkQueue } from './work-queue';
export { openClaimStore, Claim } from './claim-store';
export type { ClaimStore, ClaimResult } from './claim-store';
export { ensureScaling } from './scaling-provision';
export { openScaleControls } from './scale-controls';
export type { ScaleControls } from './scale-controls';

// Security: the NATS server's authorization generated from the event descriptors, and the
// newest messages of a stream (the audit trail).
export { natsAuthorization, natsAuthorizationManifest, passwordVariableOf } from './nats-authorization';
export type { PasswordSource } from './nats-authorization';
export { lastMessages } from './last-messages';
export type { StoredMessage } from './last-messages';
