import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export type RunningService = { name: string; child: ChildProcess; output: string[] };

/** Starts a built service (`apps/<name>/dist/main.js`) as its own process. */
export function startService(name: string, env: Record<string, string>): RunningService {
  const child = spawn(process.execPath, [`apps/${name}/dist/main.js`], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 500) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output };
}

/** Sends SIGTERM and resolves with the exit code (null if it had to be killed after 15 s). */
export function stopService(service: RunningService): Promise<number | null> {
  const { child } = service;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** The variables every system test gives the services: its own bus namespace, database and port. */
export const systemEnv = (bus: { url: string; namespace: string }, databaseUrl: string, port: number) => ({
  NATS_URL: bus.url,
  BUS_NAMESPACE: bus.namespace,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  LOG_LEVEL: 'warn',
});

/**
 * Runs `run`; when it throws, prints the last output of every service first (what a failed
 * system test needs to be understood from CI logs).
 *
 * @example
 * await withServiceLogs(services, () => eventually('healthy', probe, 60_000));
 */
export async function withServiceLogs<T>(services: readonly RunningService[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    for (const s of services) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-4000)}`);
    throw error;
  }
}
