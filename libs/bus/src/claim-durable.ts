import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Counters, Logger } from '@autoscale/observability';
import type { ConsumerFloors } from './consumer-floors';
import { durableInfo } from './durable-info';
import { durableFloor, recreateAtAckFloor } from './durables';

export type ClaimDurableOptions = {
  nc: NatsConnection;
  jsm: JetStreamManager;
  floors: ConsumerFloors;
  stream: string;
  durable: string;
  /** The longest wait for the durable's info before it is taken as unreadable. */
  timeoutMs: number;
  /**
   * False once this claim was given up (it outlasted its TTL, the lease was lost): the
   * durable may be the next owner's then, and must not be deleted under it.
   */
  stillClaimed: () => boolean;
  log: Logger;
  counters: Counters;
};

/**
 * Makes a newly claimed partition's durable ready to consume:
 *
 * - messages a previous owner left pending (it died or was fenced mid-batch) are rewound to
 *   the ack floor, so they come first and in order rather than after `ack_wait`;
 * - a durable whose info cannot be read — no answer, or only "JetStream system temporarily
 *   unavailable" from a stale NATS 2.9 consumer leader, seen for minutes after a server came
 *   back — is re-created from the floor kept in CONSUMER_FLOORS (a new Raft group), instead of
 *   failing every claim of the partition until an operator restarts a server. So is one found
 *   missing once a floor was kept: a delete that timed out can be applied by the meta leader
 *   after the add that followed it, and nobody else would add it back;
 * - otherwise its floor is kept there, for the next owner.
 *
 * Only the lease holder calls this, and it re-creates nothing once `stillClaimed` says the
 * claim was given up, so nobody consumes the durable while it is re-created.
 *
 * @example
 * await claimDurable({ nc, jsm, floors, stream, durable: names.durables.forecaster(3),
 *   timeoutMs: 2_000, stillClaimed: () => leases.isHeld(3), log, counters });
 */
export async function claimDurable(opts: ClaimDurableOptions): Promise<void> {
  const { stream, durable, log } = opts;
  let info: ConsumerInfo;
  try {
    info = await durableInfo(opts.nc, stream, durable, { timeoutMs: opts.timeoutMs });
  } catch (error) {
    const kept = await opts.floors.get(stream, durable);
    if (!kept) throw error;
    assertStillClaimed(opts);
    await recreateAtAckFloor(opts.jsm, kept);
    opts.counters.inc('durables_recreated');
    log.warn(
      { err: error, durable, floor: kept.floor },
      'durable unreadable at claim: re-created from its kept floor (what was handled after it comes again)',
    );
    return;
  }
  await opts.floors.keep(info);
  if (info.num_ack_pending === 0) return;
  assertStillClaimed(opts);
  await recreateAtAckFloor(opts.jsm, durableFloor(info));
  log.warn({ durable }, 'messages left pending by the previous owner: rewound to the ack floor');
}

function assertStillClaimed(opts: ClaimDurableOptions) {
  if (!opts.stillClaimed()) throw new Error(`${opts.durable}: the claim was given up before its durable was ready`);
}
