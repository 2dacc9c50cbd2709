import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { busNames } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import { claimDurable } from './claim-durable';
import { openConsumerFloors } from './consumer-floors';
import { startServerRefusing } from './testing/refusing-server';
import type { TestNatsServer } from './testing/nats-server.process';

const STREAM = 'CLAIMS_TEST';
const names = busNames('', 1);
const infoSubject = (durable: string) => `$JS.API.CONSUMER.INFO.${STREAM}.${durable}`;
const UNREADABLE = ['unreadable-kept', 'unreadable-unknown'];

/**
 * A durable whose info cannot be read is what a stale NATS 2.9 consumer leader looks like to
 * a claim. Here the server refuses the claimer's info requests for the {@link UNREADABLE}
 * durables (a permission), so they fail, while every other request works.
 */
describe('claiming a partition durable', () => {
  let server: TestNatsServer;
  let admin: NatsConnection;
  let claimer: NatsConnection;
  let adminJsm: JetStreamManager;

  beforeAll(async () => {
    const nats = await startServerRefusing('claimer', UNREADABLE.map(infoSubject));
    server = nats.server;
    admin = await nats.connectAs('admin');
    claimer = await nats.connectAs('claimer');
    adminJsm = await jetstreamManager(admin);
    await adminJsm.streams.add({ name: STREAM, subjects: ['claims.>'] });
    const js = jetstream(admin);
    for (let i = 1; i <= 10; i++) await js.publish(`claims.${i}`, String(i));
  });

  afterAll(async () => {
    await Promise.all([admin?.close(), claimer?.close()]);
    await server?.dispose();
  });

  /** A durable over the 10 messages that has handled (acked) the first `acked` and holds the next `pending` unacked. */
  async function durableAt(durable: string, acked: number, pending = 0) {
    await adminJsm.consumers.add(STREAM, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const consumer = await jetstream(admin).consumers.get(STREAM, durable);
    const batch = await consumer.fetch({ max_messages: acked + pending, expires: 2_000 });
    let n = 0;
    for await (const msg of batch) if (++n <= acked) await msg.ackAck();
    return adminJsm.consumers.info(STREAM, durable);
  }

  const claim = async (durable: string, stillClaimed = () => true) => {
    const counters = createCounters();
    await claimDurable({
      stillClaimed,
      nc: claimer,
      jsm: await jetstreamManager(claimer),
      floors: await openConsumerFloors(claimer, names, 1),
      stream: STREAM,
      durable,
      timeoutMs: 500,
      log: createLogger('test', 'silent'),
      counters,
    });
    return counters;
  };

  it('re-creates a durable whose info goes unanswered from the floor its last owner kept: only what follows comes again', async () => {
    const floors = await openConsumerFloors(admin, names, 1);
    await floors.keep(await durableAt('unreadable-kept', 6));

    const counters = await claim('unreadable-kept');

    const info = await adminJsm.consumers.info(STREAM, 'unreadable-kept');
    expect(info.config.opt_start_seq).toBe(7);
    expect(info.num_pending).toBe(4);
    expect(counters.snapshot()['durables_recreated']).toBe(1);
  });

  it('adds back, from its kept floor, a durable found missing (a late delete removed it)', async () => {
    await (await openConsumerFloors(admin, names, 1)).keep(await durableAt('missing', 5));
    await adminJsm.consumers.delete(STREAM, 'missing');

    await claim('missing');

    const info = await adminJsm.consumers.info(STREAM, 'missing');
    expect(info.config.opt_start_seq).toBe(6);
    expect(info.num_pending).toBe(5);
  });

  it("deletes nothing once the claim was given up (the durable may be the next owner's)", async () => {
    await (await openConsumerFloors(admin, names, 1)).keep(await durableAt('given-up', 2, 2));

    await expect(claim('given-up', () => false)).rejects.toThrow(/given up/);

    expect((await adminJsm.consumers.info(STREAM, 'given-up')).num_ack_pending).toBe(2);
  });

  it('fails the claim and leaves the durable alone when no floor was kept', async () => {
    const before = await durableAt('unreadable-unknown', 3);

    await expect(claim('unreadable-unknown')).rejects.toThrow(/CONSUMER\.INFO\.CLAIMS_TEST\.unreadable-unknown/);

    const after = await adminJsm.consumers.info(STREAM, 'unreadable-unknown');
    expect(after.created).toBe(before.created);
    expect(after.ack_floor.stream_seq).toBe(3);
  });

  it('rewinds what the previous owner left unacked, and keeps the floor for the next owner', async () => {
    await durableAt('readable', 4, 3);

    await claim('readable');

    const info = await adminJsm.consumers.info(STREAM, 'readable');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(6);
    expect((await (await openConsumerFloors(admin, names, 1)).get(STREAM, 'readable'))?.floor).toBe(4);
  });

  it('never moves a kept floor back: an owner that read an older floor leaves the later one', async () => {
    const older = await durableAt('forward', 2);
    const consumer = await jetstream(admin).consumers.get(STREAM, 'forward');
    const batch = await consumer.fetch({ max_messages: 5, expires: 2_000 });
    for await (const msg of batch) await msg.ackAck();
    await (await openConsumerFloors(admin, names, 1)).keep(await adminJsm.consumers.info(STREAM, 'forward'));

    await (await openConsumerFloors(admin, names, 1)).keep(older);

    expect((await (await openConsumerFloors(admin, names, 1)).get(STREAM, 'forward'))?.floor).toBe(7);
  });
});
