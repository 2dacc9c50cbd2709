import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { readAhead } from './read-ahead';
import { startServerRefusing } from './testing/refusing-server';
import type { TestNatsServer } from './testing/nats-server.process';

const STREAM = 'READ_AHEAD_TEST';
const DURABLE = 'reader';

/**
 * After a reconnect, nats.js stops watching a pull's heartbeats and asks for the durable's
 * info until it gets an answer. A stale NATS 2.9 consumer leader never gives one; here the
 * server refuses the reader's info requests (a permission), which looks the same to the pull.
 */
describe('readAhead', () => {
  let server: TestNatsServer;
  let admin: NatsConnection;
  let reader: NatsConnection;
  let adminJsm: JetStreamManager;

  beforeAll(async () => {
    const nats = await startServerRefusing('reader', [`$JS.API.CONSUMER.INFO.${STREAM}.${DURABLE}`]);
    server = nats.server;
    admin = await nats.connectAs('admin', { maxReconnectAttempts: -1 });
    reader = await nats.connectAs('reader', { reconnectTimeWait: 100, maxReconnectAttempts: -1 });
    adminJsm = await jetstreamManager(admin);
    await adminJsm.streams.add({ name: STREAM, subjects: ['read-ahead.>'] });
    await adminJsm.consumers.add(STREAM, {
      durable_name: DURABLE,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
  });

  afterAll(async () => {
    await Promise.all([admin?.close(), reader?.close()]);
    await server?.dispose();
  });

  it('gives up a pull that a reconnect left waiting for its durable, and says so', async () => {
    const info = await adminJsm.consumers.info(STREAM, DURABLE);
    const consumer = jetstream(reader).consumers.getConsumerFromInfo(info);
    const started = Date.now();
    const arrivals = readAhead(await consumer.fetch({ max_messages: 10, expires: 2_000 }), { endWithinMs: 5_000 });

    // The server goes away with the pull and comes back without it: no end of the pull arrives.
    // Killed: a server shut down gracefully tells the pull ("server shutdown") now and then.
    await server.stop('SIGKILL');
    await server.start();

    expect(await arrivals.take()).toBeNull();
    expect(String(arrivals.failure())).toContain('did not end within 5000 ms');
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('hands over what a pull brought, in order, and ends without failure', async () => {
    const js = jetstream(admin);
    for (let i = 1; i <= 3; i++) await js.publish(`read-ahead.${i}`, String(i));
    const info = await adminJsm.consumers.info(STREAM, DURABLE);
    const consumer = jetstream(reader).consumers.getConsumerFromInfo(info);

    const arrivals = readAhead(await consumer.fetch({ max_messages: 10, expires: 2_000 }), { endWithinMs: 5_000 });
    const seen: string[] = [];
    for (let batch = await arrivals.take(); batch; batch = await arrivals.take()) {
      for (const msg of batch) {
        seen.push(msg.string());
        msg.ack();
      }
    }

    expect(seen).toEqual(['1', '2', '3']);
    expect(arrivals.failure()).toBeNull();
  });
});
