import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BenchEnvironment } from './environment.bench';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Node flags every built service is started with (`--profile` adds the CPU profiler's). */
export const serviceNodeArgs: string[] = [];

export type BenchService = { name: string; child: ChildProcess; log: string[] };

/**
 * Starts the built `apps/<name>/dist/main.js` in the scenario's namespace, partition count
 * and database (a service with another count than the publisher's would never see the
 * samples of the partitions it does not know). The
 * gateway needs `PORT` (1–65535) in `extra`: see {@link freePort}.
 */
export const startBuilt = (name: string, env: BenchEnvironment, extra: Record<string, string> = {}): BenchService =>
  startProcess(name, [`apps/${name}/dist/main.js`], env, extra);

/** {@link startBuilt} for any node arguments (a bench process of its own, run through tsx). */
export function startProcess(
  name: string,
  args: readonly string[],
  env: BenchEnvironment,
  extra: Record<string, string> = {},
): BenchService {
  const child = spawn(process.execPath, [...serviceNodeArgs, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NATS_URL: env.bus.url,
      BUS_NAMESPACE: env.bus.namespace,
      DATABASE_URL: env.databaseUrl,
      FORECASTER_PARTITIONS: String(env.bus.names.partitions),
      LOG_LEVEL: 'warn',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString('utf8'));
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, log };
}

/** What the services said last: the first thing to read about a run that did not finish. */
export function logTails(services: readonly BenchService[], log: (line: string) => void, lines = 20) {
  for (const service of services) log(`${service.name} (last lines):\n${service.log.slice(-lines).join('')}`);
}

/** SIGTERM, then SIGKILL after 15 s. */
export async function stopBuilt(services: readonly BenchService[]) {
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** A TCP port free right now on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The gateway on a free port, and its base URL. */
export async function startGateway(env: BenchEnvironment, extra: Record<string, string> = {}) {
  const port = await freePort();
  return {
    service: startBuilt('api-gateway', env, { ...extra, PORT: String(port) }),
    base: `http://127.0.0.1:${port}`,
  };
}
