import { ChannelName } from './alert-fired.event';
import type { BusNames } from './bus-names';
import {
  alertDeliveryJobEvent,
  alertDeliveryUpdatedEvent,
  alertFiredEvent,
  alertStreamEvent,
  auditRecordedEvent,
  forecastUpdatedEvent,
  metricSampledEvent,
  scaleActuationJobEvent,
  scaleActuationUpdatedEvent,
  scaleDecidedEvent,
  scalingStreamEvent,
} from './event-descriptor';

/**
 * The NATS users of the system, one per service. WARNING: wire names — each is a user in the
 * server's authorization and the prefix of its inboxes (`_INBOX_<user>`).
 * A new service adds its name here and a row in {@link busPermissions}.
 */
export const BUS_USERS = ['collector', 'forecaster', 'alerter', 'api-gateway', 'scaler'] as const;
export type BusUser = (typeof BUS_USERS)[number];

/** What one user may publish and subscribe to; everything else the server refuses. */
export type BusGrant = { publish: string[]; subscribe: string[] };

/** Where a user's replies arrive: its own inbox prefix, so no service reads another's replies. */
export const inboxPrefixOf = (user: string) => `_INBOX_${user}`;

type Descriptor = { stream: (names: BusNames) => string; subjects: (names: BusNames) => readonly string[] };

/** What a service does on the bus; {@link busPermissions} turns it into subjects. */
type Role = {
  /** Events it publishes (JetStream publish: the subject, replies on its inbox). */
  publishes: Descriptor[];
  /** Durable consumers it reads (pull: next, ack, info), by stream. */
  consumes: Array<{ event: Descriptor; durables: string[] }>;
  /** Streams it reads without a durable (ordered consumers, last message by subject, info). */
  reads: Descriptor[];
  /** KV buckets it writes (and reads), and those it only reads. */
  kvWrite: string[];
  kvRead: string[];
  /** Core request subjects it sends, and those it answers. */
  requests: string[];
  serves: string[];
};

const JS = '$JS.API';

/**
 * The least privilege of each service, from the event descriptors and wire names: one source
 * for the NATS server's authorization (scripts/nats-authorization.ts) and the tests that check
 * the server refuses the rest. No user may delete or purge a stream, delete messages, or
 * publish an event it does not produce (the gateway never `alert.fired`, the collector only
 * `metric.sampled.>`).
 *
 * Provisioning: every service runs `ensureBus` at start, so every user has the `ensure` right
 * — create and update the system's streams and durables (`$JS.API.STREAM.CREATE|UPDATE|INFO`,
 * `CONSUMER.CREATE|DURABLE.CREATE|INFO`) — but never STREAM.DELETE/PURGE or MSG.DELETE.
 *
 * @example
 * const grants = busPermissions(busNames('', 8));
 * grants.collector.publish.includes('metric.sampled.>'); // true
 * grants['api-gateway'].publish.includes('alert.fired.>'); // false
 */
export function busPermissions(names: BusNames): Record<BusUser, BusGrant> {
  const p = (n: number) => Array.from({ length: n }, (_, i) => i);
  const forecasterDurables = p(names.partitions).map(names.durables.forecaster);
  const alerterDurables = p(names.partitions).map(names.durables.alerter);
  const deliverDurables = ChannelName.options.map(names.durables.alerterDeliver);
  const scalerDurables = p(names.partitions).map(names.durables.scaler);
  const roles: Record<BusUser, Role> = {
    collector: {
      publishes: [metricSampledEvent],
      consumes: [],
      reads: [metricSampledEvent],
      kvWrite: [],
      kvRead: [],
      requests: [],
      serves: [],
    },
    forecaster: {
      publishes: [forecastUpdatedEvent],
      consumes: [{ event: metricSampledEvent, durables: forecasterDurables }],
      reads: [metricSampledEvent, forecastUpdatedEvent],
      kvWrite: [names.kv.partitionLeases, names.kv.consumerFloors],
      kvRead: [],
      requests: [],
      serves: [],
    },
    alerter: {
      publishes: [alertFiredEvent, alertDeliveryUpdatedEvent, alertDeliveryJobEvent],
      consumes: [
        { event: forecastUpdatedEvent, durables: alerterDurables },
        { event: alertDeliveryJobEvent, durables: deliverDurables },
      ],
      reads: [forecastUpdatedEvent, alertStreamEvent],
      kvWrite: [names.kv.partitionLeases, names.kv.consumerFloors, names.kv.alertState, names.kv.alertClaims],
      kvRead: [names.kv.alertSilences],
      requests: [],
      serves: [names.subjects.alertTest],
    },
    'api-gateway': {
      publishes: [auditRecordedEvent],
      consumes: [
        { event: metricSampledEvent, durables: [names.durables.gatewayMetrics] },
        { event: forecastUpdatedEvent, durables: [names.durables.gatewayForecasts] },
        { event: alertStreamEvent, durables: [names.durables.gatewayAlerts] },
        { event: scalingStreamEvent, durables: [names.durables.gatewayScaling] },
      ],
      reads: [metricSampledEvent, forecastUpdatedEvent, alertStreamEvent, auditRecordedEvent, scalingStreamEvent],
      kvWrite: [names.kv.alertSilences, names.kv.scaleControls],
      kvRead: [],
      requests: [names.subjects.alertTest, '$SRV.>'],
      serves: [],
    },
    scaler: {
      publishes: [scaleDecidedEvent, scaleActuationUpdatedEvent, scaleActuationJobEvent],
      consumes: [
        { event: forecastUpdatedEvent, durables: scalerDurables },
        { event: scaleActuationJobEvent, durables: [names.durables.scalerActuate] },
      ],
      reads: [forecastUpdatedEvent, scalingStreamEvent],
      kvWrite: [names.kv.partitionLeases, names.kv.consumerFloors, names.kv.scaleState, names.kv.scaleClaims],
      kvRead: [names.kv.scaleControls],
      requests: [],
      serves: [],
    },
  };
  return Object.fromEntries(BUS_USERS.map((user) => [user, grantOf(user, roles[user], names)])) as Record<
    BusUser,
    BusGrant
  >;
}

function grantOf(user: BusUser, role: Role, names: BusNames): BusGrant {
  const publish = new Set<string>([`${JS}.INFO`, ...ensureRights(names)]);
  const subscribe = new Set<string>([`${inboxPrefixOf(user)}.>`]);
  for (const event of role.publishes) for (const subject of event.subjects(names)) publish.add(subject);
  for (const { event, durables } of role.consumes) {
    const stream = event.stream(names);
    for (const durable of durables) {
      publish.add(`${JS}.CONSUMER.MSG.NEXT.${stream}.${durable}`);
      publish.add(`$JS.ACK.${stream}.${durable}.>`);
      // The ack subjects of servers from 2.10 on may carry a domain and an account hash first.
      publish.add(`$JS.ACK.*.*.${stream}.${durable}.>`);
      // Its own durable only: reset to the ack floor (forecaster) or a read-model rebuild (gateway).
      publish.add(`${JS}.CONSUMER.DELETE.${stream}.${durable}`);
      publish.add(names.subjects.deadletter(durable));
    }
  }
  for (const stream of role.reads.map((e) => e.stream(names))) readRights(stream).forEach((s) => publish.add(s));
  // KV get, keys and watch read the bucket's stream the same way.
  for (const bucket of [...role.kvWrite, ...role.kvRead]) readRights(`KV_${bucket}`).forEach((s) => publish.add(s));
  for (const bucket of role.kvWrite) publish.add(`$KV.${bucket}.>`);
  for (const subject of role.requests) publish.add(subject);
  for (const subject of role.serves) subscribe.add(subject);
  // NATS micro-service discovery (`nats micro`, the gateway's health): answered by every service.
  const service = names.services.name(user);
  for (const verb of ['PING', 'INFO', 'STATS'])
    subscribe.add(`$SRV.${verb}`).add(`$SRV.${verb}.${service}`).add(`$SRV.${verb}.${service}.*`);
  subscribe.add(`${service}.status`);
  return { publish: [...publish].sort(), subscribe: [...subscribe].sort() };
}

/** Ordered consumers, last message by subject, stream info: reading a stream changes nothing. */
function readRights(stream: string): string[] {
  return [
    `${JS}.STREAM.INFO.${stream}`,
    `${JS}.STREAM.MSG.GET.${stream}`,
    `${JS}.DIRECT.GET.${stream}`,
    `${JS}.DIRECT.GET.${stream}.>`,
    `${JS}.CONSUMER.CREATE.${stream}`,
    `${JS}.CONSUMER.CREATE.${stream}.>`,
    `${JS}.CONSUMER.INFO.${stream}.*`,
    `${JS}.CONSUMER.LIST.${stream}`,
    `${JS}.CONSUMER.NAMES.${stream}`,
    `${JS}.CONSUMER.MSG.NEXT.${stream}.*`,
    `$JS.FC.${stream}.>`,
  ];
}

/**
 * `ensureBus`, `ensureDeliveryQueue`, KV `create`: create or update the system's streams and
 * its named durables, never delete. Consumers are granted by name, so the right to provision
 * gives no way to read a stream (no ephemeral push consumer delivering to one's own inbox).
 */
function ensureRights(names: BusNames): string[] {
  const kv = Object.values(names.kv).map((bucket) => `KV_${bucket}`);
  const streams = Object.values(names.streams);
  const durables = systemDurables(names).flatMap(({ stream, durable }) => [
    `${JS}.CONSUMER.CREATE.${stream}.${durable}`,
    `${JS}.CONSUMER.CREATE.${stream}.${durable}.>`,
    `${JS}.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
    `${JS}.CONSUMER.INFO.${stream}.${durable}`,
  ]);
  return [
    ...[...streams, ...kv].flatMap((stream) => [
      `${JS}.STREAM.CREATE.${stream}`,
      `${JS}.STREAM.UPDATE.${stream}`,
      `${JS}.STREAM.INFO.${stream}`,
    ]),
    // Listing shows consumers' configuration, not messages: ensureBus looks for stale durables.
    ...streams.flatMap((stream) => [`${JS}.CONSUMER.LIST.${stream}`, `${JS}.CONSUMER.NAMES.${stream}`]),
    ...durables,
    // The single durables of releases before partitioning, which ensureBus removes.
    ...names.durables.obsolete.flatMap((durable) => [
      `${JS}.CONSUMER.DELETE.${names.streams.metrics}.${durable}`,
      `${JS}.CONSUMER.DELETE.${names.streams.forecasts}.${durable}`,
    ]),
  ];
}

/** Every durable consumer the services provision (libs/bus durables.ts and delivery-queue.ts create them). */
function systemDurables(names: BusNames): Array<{ stream: string; durable: string }> {
  const partitions = Array.from({ length: names.partitions }, (_, i) => i);
  const { metrics, forecasts, alerts, alertDeliveries, scaling, scaleActuations } = names.streams;
  return [
    ...partitions.map((p) => ({ stream: metrics, durable: names.durables.forecaster(p) })),
    ...partitions.map((p) => ({ stream: forecasts, durable: names.durables.alerter(p) })),
    ...partitions.map((p) => ({ stream: forecasts, durable: names.durables.scaler(p) })),
    { stream: scaling, durable: names.durables.gatewayScaling },
    { stream: scaleActuations, durable: names.durables.scalerActuate },
    { stream: metrics, durable: names.durables.gatewayMetrics },
    { stream: forecasts, durable: names.durables.gatewayForecasts },
    { stream: alerts, durable: names.durables.gatewayAlerts },
    ...ChannelName.options.map((channel) => ({
      stream: alertDeliveries,
      durable: names.durables.alerterDeliver(channel),
    })),
  ];
}
