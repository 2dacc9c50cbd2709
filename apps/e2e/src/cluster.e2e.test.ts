import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableInfo } from '@autoscale/bus';
import { eventually } from '@autoscale/testing';
import { LEASE_TTL_SEC, startClusterSystem } from './testing/cluster-system';
import type { ClusterSystem } from './testing/cluster-system';
import { takeLedger } from './testing/ledger';
import { withServiceLogs } from './testing/services';
import type { Ledger } from './testing/ledger';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TWO_TTLS_MS = 2 * LEASE_TTL_SEC * 1000;
/**
 * The longest the test lets forecasting take to resume while one server is down, or after a
 * fault's end (targets: 15 s, two TTLs). Measured up to 43 s while a server was down
 * (docs/cluster.md, "Measured"): partitions whose claims time out while NATS 2.9 elects.
 */
const RECOVERY_LINE_SEC = 60;

type Probe = {
  at: number;
  status: number;
  stalled: string[];
  /** The oldest of the simulated machines' newest forecasts in the read model, in seconds. */
  oldestForecastSec: number;
  /** The longest any pipeline durable has held messages without handling one, as the test reads them. */
  stuckSec: number;
  /** Which durable that was, and what the test read of it (for a post-mortem of a dishonest probe). */
  stuckDurable: string;
  /** What `/api/health` said of every durable (its progress section). */
  reported: unknown;
};
type Row = {
  fault: string;
  killed: string;
  downSec: number;
  /** Quorum loss: seconds from restarting the first server until the cluster had a meta leader. */
  quorumBackSec: number | null;
  /** Seconds after the kill until every series was forecast again (while the server was down). */
  forecastWhileDownSec: number | null;
  /** Seconds after the fault's end until every series was forecast again. */
  forecastAfterSec: number;
  /** Seconds after the fault's end until everything was stored, forecast and health said ok. */
  wholeAfterSec: number;
  published: number;
  lost: number;
  doubled: number;
  health: Record<number, number>;
  /** The oldest newest-forecast of a machine in the read model while `/api/health` said 200 (catching up is not a stall). */
  oldestForecastWhileOkSec: number;
};

let sys: ClusterSystem;
const rows: Row[] = [];
let before: Ledger;

/** Seconds since each simulated series' newest forecast, as the read model has it. */
async function forecastAges(): Promise<number[]> {
  const rows = await sys.sql<{ age: number }[]>`
    select extract(epoch from now() - max(generated_at))::float as age from forecasts where resource_id like 'sim-%' group by resource_id`;
  return rows.map((r) => r.age);
}

/** The simulated machines (their ids), read once the system runs. */
let machines: string[] = [];

/** When each simulated machine's newest CPU forecast was made, as the FORECASTS stream has it (not the read model). */
async function newestForecasts(): Promise<number[]> {
  const jsm = await sys.jsm();
  return Promise.all(
    machines.map(async (id) => {
      const msg = await jsm.streams
        .getMessage(sys.names.streams.forecasts, { last_by_subj: sys.names.subjects.forecastUpdated(id, 'cpu') })
        .catch(() => null);
      return msg ? Date.parse(msg.timestamp) : 0;
    }),
  );
}

/** Resolves with the seconds from `since` until every simulated machine has a forecast stored in FORECASTS after `since`. */
async function everySeriesForecastAfter(since: number, timeoutMs: number): Promise<number> {
  await eventually(
    'every series forecast again',
    async () => ((await newestForecasts()).every((t) => t > since) ? true : undefined),
    timeoutMs,
  );
  return Math.round((Date.now() - since) / 100) / 10;
}

/**
 * The durables `/api/health` judges (every partition's and the gateway's projections), read
 * by the test itself: for each, since when it has held messages without handling one. What
 * it handled is its ack floor, or where it was re-created to start. A durable that does not
 * answer keeps its clock (it is not seen to move) but is not judged on that read.
 */
function durableClocks() {
  const since = new Map<string, { handled: number; since: number }>();
  const watched = () => {
    const { streams, durables, partitions } = sys.names;
    const p = Array.from({ length: partitions }, (_, i) => i);
    return [
      ...p.map((i) => [streams.metrics, durables.forecaster(i)] as const),
      ...p.map((i) => [streams.forecasts, durables.alerter(i)] as const),
      [streams.metrics, durables.gatewayMetrics] as const,
      [streams.forecasts, durables.gatewayForecasts] as const,
      [streams.alerts, durables.gatewayAlerts] as const,
    ];
  };
  return async function stuckSec(now: number): Promise<{ sec: number; durable: string }> {
    const ages = await Promise.all(
      watched().map(async ([stream, durable]) => {
        // The leader's answer where several servers answer (a stale copy may answer first).
        const info = await durableInfo(sys.nc, stream, durable, { timeoutMs: 1_000 }).catch(() => null);
        if (!info) return { sec: 0, durable };
        const startedAfter = (info.config.opt_start_seq ?? 1) - 1;
        const handled = Math.max(info.ack_floor.stream_seq, startedAfter);
        const pending = info.num_pending + info.num_ack_pending;
        const last = since.get(durable);
        if (pending === 0 || !last || last.handled !== handled) since.set(durable, { handled, since: now });
        const sec = pending === 0 ? 0 : (now - (since.get(durable)?.since ?? now)) / 1000;
        return { sec, durable: `${durable} handled ${handled} pending ${pending} leader ${info.cluster?.leader}` };
      }),
    );
    return ages.reduce((worst, a) => (a.sec > worst.sec ? a : worst), { sec: 0, durable: '' });
  };
}
const stuckSec = durableClocks();

type HealthBody = { progress?: { stalled?: string[]; durables?: unknown } };

async function probeHealth(): Promise<Probe> {
  const at = Date.now();
  const [res, ages, stuck] = await Promise.all([
    fetch(`${sys.api}/health`, { signal: AbortSignal.timeout(5_000) })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as HealthBody }))
      .catch(() => ({ status: 0, body: {} as HealthBody })),
    forecastAges(),
    stuckSec(at),
  ]);
  return {
    at,
    status: res.status,
    stalled: res.body.progress?.stalled ?? [],
    oldestForecastSec: Math.max(0, ...ages),
    stuckSec: stuck.sec,
    stuckDurable: stuck.durable,
    reported: res.body.progress?.durables,
  };
}

/** Probes /api/health every second until `stop` resolves. */
function watchHealth() {
  const probes: Probe[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      probes.push(await probeHealth());
      // One probe a second: a probe that took a while (an election) is not followed by a pause.
      await sleep(Math.max(0, started + 1_000 - Date.now()));
    }
  })();
  return {
    probes,
    async stop() {
      running = false;
      await loop;
      return probes;
    },
  };
}

/** Everything stored and forecast, nothing lost or doubled, health ok. Returns seconds from `since`. */
async function whole(since: number, timeoutMs = 90_000): Promise<{ seconds: number; ledger: Ledger }> {
  try {
    const ledger = await eventually(
      'the system whole again',
      async () => {
        const health = await probeHealth();
        if (health.status !== 200) return undefined;
        const l = await takeLedger(sys).catch(() => undefined);
        return l && l.unstored === 0 && l.unforecast.length === 0 && l.lost === 0 ? l : undefined;
      },
      timeoutMs,
    );
    return { seconds: Math.round((Date.now() - since) / 100) / 10, ledger };
  } catch (error) {
    for (const s of sys.services) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-3000)}`);
    const health = await fetch(`${sys.api}/health`)
      .then((r) => r.text())
      .catch(String);
    const l = await takeLedger(sys).catch(String);
    console.error('health', health, 'ledger', typeof l === 'string' ? l : { ...l, rawEvents: l.rawEvents.length });
    throw error;
  }
}

/** Replicas of every stream and KV bucket of the system's namespace. */
async function replicas(): Promise<Record<string, number>> {
  const jsm = await sys.jsm();
  const found: Record<string, number> = {};
  for await (const name of jsm.streams.names()) {
    if (name.startsWith('CLUSTER_') || name.startsWith('KV_CLUSTER_'))
      found[name] = (await jsm.streams.info(name)).config.num_replicas;
  }
  return found;
}

async function expectThreeReplicasEverywhere() {
  await eventually(
    'every stream and bucket on 3 replicas',
    async () => {
      const found: Record<string, number> = await replicas().catch(() => ({}));
      const { metrics, forecasts, alerts, deadletter, alertDeliveries, audit } = sys.names.streams;
      const { alertState, alertClaims, alertSilences, partitionLeases, consumerFloors } = sys.names.kv;
      // What the four services provision (the optional scaler's are not here): all on 3 replicas.
      const expected = [
        metrics,
        forecasts,
        alerts,
        deadletter,
        alertDeliveries,
        audit,
        ...[alertState, alertClaims, alertSilences, partitionLeases, consumerFloors].map((b) => `KV_${b}`),
      ];
      return expected.every((name) => found[name] !== undefined) && Object.values(found).every((r) => r === 3)
        ? true
        : undefined;
    },
    30_000,
  );
}

const leaderOf = async (stream: string) => (await (await sys.jsm()).streams.info(stream)).cluster?.leader ?? '';

/**
 * Kills `nodes` with SIGKILL, keeps them down `downMs` while probing health, starts them
 * again on their stores and measures the recovery; records and checks the verdict.
 */
async function fault(name: string, nodes: string[], downMs: number, opts: { quorumLost: boolean }) {
  const health = watchHealth();
  try {
    return await withServiceLogs(sys.services, () => faultWatched(name, nodes, downMs, opts, health));
  } finally {
    await health.stop();
  }
}

async function faultWatched(
  name: string,
  nodes: string[],
  downMs: number,
  opts: { quorumLost: boolean },
  health: ReturnType<typeof watchHealth>,
) {
  const killedAt = Date.now();
  await Promise.all(nodes.map((n) => sys.cluster.kill(n)));
  const resumed = opts.quorumLost
    ? null
    : await everySeriesForecastAfter(killedAt, RECOVERY_LINE_SEC * 1000).catch(() => null);
  await sleep(Math.max(0, killedAt + downMs - Date.now()));
  const restartedAt = Date.now();
  // One after the other, as machines come back: the first restores the quorum. The fault
  // ends when JetStream can work again: the server is back (single fault), or the first one
  // is back and the cluster has a meta leader (quorum loss).
  let endedAt = restartedAt;
  for (const n of nodes) {
    await sys.cluster.start(n);
    await sys.cluster.ready(30_000);
    if (opts.quorumLost && endedAt === restartedAt) endedAt = Date.now();
  }
  const forecastAfterSec = await everySeriesForecastAfter(endedAt, 60_000);
  const { seconds, ledger } = await whole(endedAt, opts.quorumLost ? 150_000 : 90_000);
  const probes = await health.stop();
  const statuses: Record<number, number> = {};
  for (const p of probes) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
  rows.push({
    fault: name,
    killed: nodes.join('+'),
    downSec: Math.round((restartedAt - killedAt) / 1000),
    quorumBackSec: opts.quorumLost ? Math.round((endedAt - restartedAt) / 100) / 10 : null,
    forecastWhileDownSec: resumed,
    forecastAfterSec,
    wholeAfterSec: seconds,
    published: ledger.published - before.published,
    lost: ledger.lost,
    doubled: ledger.doubled,
    health: statuses,
    oldestForecastWhileOkSec: Math.max(0, ...probes.filter((p) => p.status === 200).map((p) => p.oldestForecastSec)),
  });
  before = ledger;

  expect(ledger.lost).toBe(0);
  expect(ledger.doubled).toBe(0);
  expect(ledger.unstored).toBe(0);
  // The target is 15 s (met in about half the single-server faults); elections and the
  // leases' re-claims on a loaded 2-core machine have taken up to 43 s, so the test holds the
  // line at RECOVERY_LINE_SEC — the fault it guards against is forecasting stopped for the
  // whole outage (47 s and more before; the server stays down until forecasting resumed).
  if (!opts.quorumLost) expect(resumed).not.toBeNull();
  // After the fault's end the target is two TTLs (16 s here), missed once in the runs of
  // docs/cluster.md (17.7 s); after a quorum loss, two TTLs from the quorum's return (up to
  // 23 s on a loaded machine). The line is RECOVERY_LINE_SEC for both. What it guards
  // against: partitions left unconsumed for minutes, until a restart (docs/cluster.md).
  expect(forecastAfterSec).toBeLessThanOrEqual(RECOVERY_LINE_SEC);
  // Honest health, as the issue defines a stall: never "ok" while a pipeline durable has held
  // messages without handling one for two lease TTLs (+5 s: the test's and the gateway's reads
  // are a second or two apart). Catching up after the fault is not a stall, and samples the
  // collector buffers while JetStream elects are not yet anyone's to handle: a machine's newest
  // forecast may be older than that while health says ok (oldestForecastWhileOkSec).
  const dishonest = probes.filter((p) => p.status === 200 && p.stuckSec > 2 * LEASE_TTL_SEC + 5);
  expect(dishonest).toEqual([]);
  if (opts.quorumLost) {
    // Without quorum nothing moves: health says so at the latest once that has lasted two lease TTLs.
    const meanwhile = probes.filter((p) => p.at > killedAt + TWO_TTLS_MS + 1_000 && p.at < restartedAt);
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.every((p) => p.status === 503)).toBe(true);
  }
  return probes;
}

beforeAll(async () => {
  sys = await startClusterSystem();
  before = (await whole(Date.now(), 120_000)).ledger;
  const rows = await sys.sql<
    { id: string }[]
  >`select distinct resource_id as id from metrics where resource_id like 'sim-%' order by 1`;
  machines = rows.map((r) => r.id);
}, 180_000);

afterAll(async () => {
  console.log(
    `cluster figures ${JSON.stringify({ measuredAt: new Date().toISOString(), leaseTtlSec: LEASE_TTL_SEC, rows, pages: sys?.slack.posts.length }, null, 1)}`,
  );
  await sys?.stop();
}, 60_000);

describe('the system on a three-node JetStream cluster (STREAM_REPLICAS=3)', () => {
  it('keeps every stream and KV bucket on 3 replicas after the first start and after a read-model rebuild', async () => {
    await expectThreeReplicasEverywhere();
    // A gateway starting on an emptied read model replays the streams (resetGatewayDurables).
    await sys.sql`delete from read_model_marker`;
    const gateway = sys.services.find((s) => s.name === 'api-gateway')!;
    const restarted = await sys.restart(gateway);
    await eventually(
      'the gateway rebuilt its read model',
      async () => (restarted.output.join('').includes('replaying the streams') ? true : undefined),
      60_000,
    );
    await expectThreeReplicasEverywhere();
    before = (await whole(Date.now())).ledger;
  });

  it('loses, doubles and stalls nothing when the METRICS leader is killed', async () => {
    await fault('METRICS leader', [await leaderOf(sys.names.streams.metrics)], 15_000, { quorumLost: false });
  });

  it('loses, doubles and stalls nothing when the meta leader is killed', async () => {
    const leader = await sys.cluster.metaLeader();
    expect(leader).toBeDefined();
    await fault('meta leader', [leader!], 15_000, { quorumLost: false });
  });

  it('keeps forecasting and alerting when the server leading the KV buckets is killed', async () => {
    await fault('KV buckets leader', [await leaderOf(`KV_${sys.names.kv.partitionLeases}`)], 15_000, {
      quorumLost: false,
    });
  });

  it(
    'says so while two of three servers are down 20 s, then catches up with nothing lost or doubled',
    { timeout: 300_000 },
    async () => {
      const [first, second] = sys.cluster.names;
      await fault('quorum lost', [first!, second!], 20_000, { quorumLost: true });
    },
  );

  it('sent no page twice', () => {
    // Posts carry no alert id; two episodes of one machine can read alike ("resolved … now
    // 42.3%"), so a page counts as doubled when the same text came again within 10 s (a
    // redelivered job is resent within its lease, seconds).
    const accepted = sys.slack.requests.filter((r) => r.status === 200);
    const pages = sys.slack.posts.map((p, i) => ({ text: p.text, at: accepted[i]?.at ?? 0 }));
    const doubled = pages.filter((p, i) => pages.some((q, j) => j < i && q.text === p.text && p.at - q.at < 10_000));
    expect(doubled.map((p) => p.text)).toEqual([]);
  });
});
