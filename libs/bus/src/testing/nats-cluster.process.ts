import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { accepts, freePorts } from './ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Node = {
  name: string;
  port: number;
  clusterPort: number;
  httpPort: number;
  storeDir: string;
  child?: ChildProcess | undefined;
};

/**
 * A JetStream cluster of `size` `nats-server` processes of the test's own, routed to each
 * other on free loopback ports, each with its own store directory — what the production
 * overlay runs, on one machine. Nodes can be killed outright (`kill -9`) and started again
 * on their store; `metaLeader()` asks a node's monitoring endpoint who leads the cluster.
 *
 * @example
 * const cluster = await startNatsCluster(3);
 * await cluster.kill('n2'); await cluster.start('n2');
 * await cluster.dispose();
 */
export async function startNatsCluster(size = 3, opts: { logDir?: string | undefined } = {}) {
  // Three ports a node, all distinct.
  const ports = await freePorts(size * 3);
  const nodes: Node[] = Array.from({ length: size }, (_, i) => ({
    name: `n${i + 1}`,
    port: ports[3 * i]!,
    clusterPort: ports[3 * i + 1]!,
    httpPort: ports[3 * i + 2]!,
    storeDir: mkdtempSync(join(tmpdir(), `nats-cluster-n${i + 1}-`)),
  }));
  const routes = nodes.map((n) => `nats://127.0.0.1:${n.clusterPort}`).join(',');
  const node = (name: string) => {
    const found = nodes.find((n) => n.name === name);
    if (!found) throw new Error(`no node ${name}`);
    return found;
  };

  async function start(name: string) {
    const n = node(name);
    if (n.child && n.child.exitCode === null) return;
    n.child = spawn(
      'nats-server',
      [
        '-a',
        '127.0.0.1',
        '-p',
        String(n.port),
        '-m',
        String(n.httpPort),
        '-n',
        n.name,
        '-js',
        '-sd',
        n.storeDir,
        '--cluster_name',
        'autoscale',
        '--cluster',
        `nats://127.0.0.1:${n.clusterPort}`,
        '--routes',
        routes,
        // For a post-mortem of elections and consumer leaders (appended across restarts).
        ...(opts.logDir ? ['-l', join(opts.logDir, `${n.name}.log`)] : []),
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await accepts(n.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nats-server ${name} did not listen on ${n.port}`);
  }

  /** SIGKILL: no goodbye to the peers, as a lost machine. */
  async function kill(name: string) {
    const n = node(name);
    const running = n.child;
    n.child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  /** The meta leader's name, as a running node's `/jsz` says; undefined while there is none. */
  async function metaLeader(): Promise<string | undefined> {
    for (const n of nodes.filter((x) => x.child)) {
      try {
        const res = await fetch(`http://127.0.0.1:${n.httpPort}/jsz`, { signal: AbortSignal.timeout(1_000) });
        const body = (await res.json()) as { meta_cluster?: { leader?: string } };
        if (body.meta_cluster?.leader) return body.meta_cluster.leader;
      } catch {
        // This node does not answer; ask the next.
      }
    }
    return undefined;
  }

  /** Resolves once the cluster has a meta leader (JetStream answers), at most `timeoutMs`. */
  async function ready(timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await metaLeader()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the NATS cluster elected no meta leader');
  }

  await Promise.all(nodes.map((n) => start(n.name)));
  await ready();
  return {
    names: nodes.map((n) => n.name),
    /** Every node, comma-separated, as NATS_URL takes them. */
    url: nodes.map((n) => `nats://127.0.0.1:${n.port}`).join(','),
    start,
    kill,
    running: (name: string) => node(name).child !== undefined,
    metaLeader,
    ready,
    async dispose() {
      await Promise.all(nodes.map((n) => kill(n.name)));
      for (const n of nodes) rmSync(n.storeDir, { recursive: true, force: true });
    },
  };
}

export type TestNatsCluster = Awaited<ReturnType<typeof startNatsCluster>>;
