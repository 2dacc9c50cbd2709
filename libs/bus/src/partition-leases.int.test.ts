import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { createLogger } from '@autoscale/observability';
import { startPartitionLeases } from './partition-leases';
import type { PartitionLeases } from './partition-leases';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

const log = createLogger('lease-test', 'silent');
const TTL = 1500;
const WAIT = { timeout: 20_000, interval: 100 };

/**
 * Who is handling which partition, as the callbacks say, and every moment two replicas
 * handled one partition at once.
 */
function ownership() {
  const owner = new Map<number, string>();
  const overlaps: string[] = [];
  return {
    owner,
    overlaps,
    callbacks: (member: string) => ({
      onClaim: async (p: number) => {
        const current = owner.get(p);
        if (current !== undefined && current !== member) overlaps.push(`p${p}: ${member} while ${current}`);
        owner.set(p, member);
      },
      onRelease: async (p: number) => {
        if (owner.get(p) === member) owner.delete(p);
      },
    }),
    of: (member: string) => [...owner].filter(([, m]) => m === member).map(([p]) => p),
  };
}

const buses: TestBus[] = [];
const running: PartitionLeases[] = [];

async function holders(bus: TestBus, book: ReturnType<typeof ownership>, members: string[]) {
  const started = await Promise.all(
    members.map((memberId) =>
      startPartitionLeases({
        nc: bus.nc,
        names: bus.names,
        group: 'g',
        ttlMs: TTL,
        replicas: 1,
        log,
        memberId,
        ...book.callbacks(memberId),
      }),
    ),
  );
  running.push(...started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stop()));
});
afterAll(async () => {
  for (const bus of buses.splice(0)) await bus.cleanup();
});

async function freshBus(partitions: number) {
  const bus = await createTestBus({ partitions });
  buses.push(bus);
  return bus;
}

describe('startPartitionLeases', () => {
  it('gives a lone replica every partition', async () => {
    const bus = await freshBus(8);
    const book = ownership();
    const [only] = await holders(bus, book, ['a']);

    await expect.poll(() => book.of('a').length, WAIT).toBe(8);
    expect(only!.held()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(only!.isHeld(3)).toBe(true);
  });

  it('splits the partitions fairly between three replicas, each partition to exactly one', async () => {
    const bus = await freshBus(8);
    const book = ownership();
    const leases = await holders(bus, book, ['a', 'b', 'c']);

    await expect.poll(() => ['a', 'b', 'c'].map((m) => book.of(m).length).sort(), WAIT).toEqual([2, 3, 3]);
    const all = leases.flatMap((l) => l.held()).sort((x, y) => x - y);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(book.overlaps).toEqual([]);
  });

  it('hands a new replica its share: the first one releases half of its partitions', async () => {
    const bus = await freshBus(8);
    const book = ownership();
    await holders(bus, book, ['a']);
    await expect.poll(() => book.of('a').length, WAIT).toBe(8);

    await holders(bus, book, ['b']);

    await expect.poll(() => [book.of('a').length, book.of('b').length], WAIT).toEqual([4, 4]);
    expect(book.overlaps).toEqual([]);
  });

  it('gives the partitions of a replica that died to the others within a few TTLs, never to two at once', async () => {
    const bus = await freshBus(8);
    const book = ownership();
    const [a] = await holders(bus, book, ['a', 'b', 'c']);
    await expect.poll(() => book.of('a').length, WAIT).toBeGreaterThan(1);
    const orphaned = book.of('a');
    const diedAt = Date.now();

    // Like a SIGKILL: no release, no member key deleted; the leases just stop being renewed.
    await a!.abandon();
    for (const p of orphaned) book.owner.delete(p);

    await expect.poll(() => book.of('b').length + book.of('c').length, WAIT).toBe(8);
    expect([book.of('b').length, book.of('c').length]).toEqual([4, 4]);
    // Generous: the lease expires after TTL; the member key after TTL too.
    expect(Date.now() - diedAt).toBeLessThan(6 * TTL + 5000);
    expect(book.overlaps).toEqual([]);
  });

  it('stop() releases at once, so the other replica takes everything without waiting for the TTL', async () => {
    const bus = await freshBus(4);
    const book = ownership();
    const [a] = await holders(bus, book, ['a', 'b']);
    await expect.poll(() => [book.of('a').length, book.of('b').length], WAIT).toEqual([2, 2]);

    running.splice(running.indexOf(a!), 1);
    await a!.stop();

    expect(book.of('a')).toEqual([]);
    await expect.poll(() => book.of('b').length, WAIT).toBe(4);
    expect(book.overlaps).toEqual([]);
  });

  it('fences a replica whose renewals stop: it releases before anyone else can claim', async () => {
    const bus = await freshBus(2);
    const book = ownership();
    // A connection of its own for `a`, so closing it cuts `a` alone off from NATS.
    const ncA = await connect({ servers: bus.url });
    const a = await startPartitionLeases({
      nc: ncA,
      names: bus.names,
      group: 'g',
      ttlMs: TTL,
      replicas: 1,
      log,
      memberId: 'a',
      ...book.callbacks('a'),
    });
    await expect.poll(() => book.of('a').length, WAIT).toBe(2);

    await ncA.close();
    await holders(bus, book, ['b']);

    await expect.poll(() => book.of('b').length, WAIT).toBe(2);
    expect(book.of('a')).toEqual([]);
    expect(a.held()).toEqual([]);
    expect(book.overlaps).toEqual([]);
    await a.abandon();
  });

  it('keeps groups apart: forecasters and alerters each share all partitions among themselves', async () => {
    const bus = await freshBus(4);
    const forecasters = ownership();
    const alerters = ownership();
    const start = (group: string, book: ReturnType<typeof ownership>, memberId: string) =>
      startPartitionLeases({
        nc: bus.nc,
        names: bus.names,
        group,
        ttlMs: TTL,
        replicas: 1,
        log,
        memberId,
        ...book.callbacks(memberId),
      });
    running.push(await start('forecaster', forecasters, 'f'), await start('alerter', alerters, 'a'));

    await expect.poll(() => [forecasters.of('f').length, alerters.of('a').length], WAIT).toEqual([4, 4]);
  });

  it('releases a claim whose onClaim fails, so another replica consumes the partition within a TTL', async () => {
    const bus = await freshBus(1);
    const book = ownership();
    const failing = await startPartitionLeases({
      nc: bus.nc,
      names: bus.names,
      group: 'g',
      ttlMs: TTL,
      replicas: 1,
      log,
      memberId: 'a',
      onClaim: () => Promise.reject(new Error('no quorum')),
      onRelease: () => Promise.resolve(),
    });
    running.push(failing);
    await expect.poll(() => failing.held(), WAIT).toEqual([]);
    const startedAt = Date.now();
    await holders(bus, book, ['b']);

    await expect.poll(() => book.of('b'), WAIT).toEqual([0]);
    expect(Date.now() - startedAt).toBeLessThan(2 * TTL);
    expect(failing.held()).toEqual([]);
  });

  it('releases a claim whose onClaim hangs past the TTL instead of holding it unconsumed', async () => {
    const bus = await freshBus(1);
    const released: number[] = [];
    const hanging = await startPartitionLeases({
      nc: bus.nc,
      names: bus.names,
      group: 'g',
      ttlMs: TTL,
      replicas: 1,
      log,
      memberId: 'a',
      onClaim: () => new Promise<void>(() => undefined),
      onRelease: async (p) => void released.push(p),
    });
    running.push(hanging);
    const startedAt = Date.now();

    // Released within the TTL of its claim (then claimed again next round, and so on).
    await expect.poll(() => released.length, WAIT).toBeGreaterThan(0);
    expect(released[0]).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(2 * TTL);
  });

  it('gives up a partition on request and leaves it to the others for a TTL', async () => {
    const bus = await freshBus(1);
    const book = ownership();
    const [a] = await holders(bus, book, ['a']);
    await expect.poll(() => book.of('a'), WAIT).toEqual([0]);
    const [b] = await holders(bus, book, ['b']);

    a!.giveUp(0);
    await expect.poll(() => book.of('b'), WAIT).toEqual([0]);
    expect(a!.held()).toEqual([]);
    expect(b!.held()).toEqual([0]);
    expect(book.overlaps).toEqual([]);
  });

  it('leaves no consumer behind on the lease bucket, however many rounds it runs', async () => {
    const bus = await freshBus(4);
    const book = ownership();
    await holders(bus, book, ['a', 'b']);
    await expect.poll(() => book.owner.size, WAIT).toBe(4);
    // Several lease rounds (every TTL/3).
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL));
    const jsm = await bus.bus.js.jetstreamManager();
    const info = await jsm.streams.info(`KV_${bus.names.kv.partitionLeases}`);
    expect(info.state.consumer_count).toBe(0);
  });
});
